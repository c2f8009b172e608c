/*
 * html.h - articles from saved HTML pages and from RSS 2.0 / RSS 1.0 /
 * Atom feeds, with libxml2 (HTML parser in recovery mode; XML parser with
 * network access and entity expansion off).
 *
 * HTML page -> one article:
 *   title    meta og:title / twitter:title, else the first <h1>, else <title>
 *   date     meta article:published_time, itemprop=datePublished, name=date,
 *            pubdate, DC.date.issued, og:published_time; else <time datetime>
 *   source   meta og:site_name; author meta author / article:author;
 *   category meta article:section; url link rel=canonical / og:url;
 *   abstract meta description / og:description
 *   body     the text of <article> (else [itemprop=articleBody], <main>,
 *            <body>) without script, style, noscript, nav, header, footer,
 *            aside, form, button, iframe, svg, figure captions, elements
 *            whose class or id names clutter (menu, nav, footer, header,
 *            sidebar, related, share, social, cookie, consent, banner,
 *            advert, comment, breadcrumb, newsletter, subscribe, popup,
 *            tags), and "read also" blocks (a heading or paragraph starting
 *            اقرأ أيضا / شاهد أيضا / مواضيع ذات صلة / Read also, with the list
 *            after it); block elements become line breaks.
 * Feed -> one article per <item> / <entry>: title, link, pubDate / dc:date /
 *   published / updated, content:encoded / content / description / summary
 *   (HTML in them reduced to text), author / dc:creator, category, guid /
 *   id; the channel's or feed's title is the source.
 */
#ifndef FAHRAS_HTML_H
#define FAHRAS_HTML_H

#include <stddef.h>

#include "article.h"

/* Does buf look like an RSS/Atom feed (an <rss, <feed or <rdf:RDF root)? */
int fah_feed_detect(const char *buf, size_t len);
/* Does buf look like an HTML page? */
int fah_html_detect(const char *buf, size_t len);

/* Parse an HTML page (UTF-8) into *a (fields malloc()ed).  0, -1 when out
 * of memory or libxml2 cannot make a tree. */
int fah_html_parse(const char *buf, size_t len, fah_article *a);

/* Parse a feed, handing each item to cb.  A raw '&' that starts no
 * reference is read as "&amp;".  A feed that is not well-formed is read
 * item by item (cut at its <item>/<entry> tags), and msg (otherwise "")
 * says so.  Returns 0, -1 out of memory, or the callback's value. */
int fah_feed_parse(const char *buf, size_t len, fah_article_cb cb, void *ctx, char *msg,
                   size_t msglen);

#endif
