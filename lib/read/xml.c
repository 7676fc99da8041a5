/* SPDX-License-Identifier: MIT */
/* libxml2's streaming reader set up for untrusted input: no network, no
 * entity substitution, no DTD loading or validation, no huge-document
 * mode, nothing printed; a DOCTYPE is refused outright (external entities,
 * billion laughs) and the nesting depth is bounded. */
#include <stdio.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "internal.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

/* Errors are read back from libxml2's per-thread last error. */
static void quiet(void *userdata, xmlErrorPtr error)
{
	(void)userdata;
	(void)error;
}

/* libxml2 reports errors of its character converters (a document declared
 * in an encoding its bytes do not follow) on the thread's generic error
 * handler, which prints on stderr, not on the reader's handler. Around the
 * calls that may convert input, that handler is swapped for a silent one
 * and put back: the application's settings are left as they were. */
static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

typedef struct silence {
	xmlGenericErrorFunc func;
	void *ctx;
} silence;

static void silence_begin(silence *s)
{
	s->func = xmlGenericError;
	s->ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, quiet_generic);
}

static void silence_end(const silence *s)
{
	xmlSetGenericErrorFunc(s->ctx, s->func);
}

/* The address marks readers whose input goes through a converter (it is
 * stored as the reader's error handler argument); only those pay for the
 * silencing on every read. */
static const char CONVERTS = 1;

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* 1 when libxml2 will read the bytes as UTF-8 without a converter: no
 * UTF-16/32 or EBCDIC signature, and no XML declaration naming another
 * encoding. Anything unsure counts as converted. */
static int plain_utf8(const unsigned char *d, size_t n)
{
	if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) {
		d += 3;
		n -= 3;
	}
	if (n < 2 || d[0] != '<' || d[1] == 0)
		return n == 0;
	if (n < 6 || memcmp(d, "<?xml", 5) != 0 ||
	    (d[5] != ' ' && d[5] != '\t' && d[5] != '\n' && d[5] != '\r'))
		return 1;
	size_t end = 5;
	while (end + 1 < n && end < 256 && !(d[end] == '?' && d[end + 1] == '>'))
		end++;
	if (end + 1 >= n || end >= 256)
		return 0;
	for (size_t i = 5; i + 8 <= end; i++) {
		if (memcmp(d + i, "encoding", 8) != 0)
			continue;
		i += 8;
		while (i < end &&
		       (d[i] == ' ' || d[i] == '=' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r'))
			i++;
		if (i >= end || (d[i] != '"' && d[i] != '\''))
			return 0;
		unsigned char q = d[i++];
		size_t v = i;
		while (i < end && d[i] != q)
			i++;
		size_t len = i - v;
		const char *want = len == 5 ? "utf-8" : len == 4 ? "utf8" : NULL;
		if (!want)
			return 0;
		for (size_t k = 0; k < len; k++)
			if (lower(d[v + k]) != want[k])
				return 0;
		return 1;
	}
	return 1;
}

struct _xmlTextReader *sons__xml_reader_new(const unsigned char *data, size_t len, const char *name)
{
	static const char empty[] = "";
	if (len > 0x7FFFFFFF)
		return NULL;
	if (!data) {
		data = (const unsigned char *)empty;
		len = 0;
	}
	xmlResetLastError();
	silence s;
	silence_begin(&s);
	xmlTextReaderPtr x =
	        xmlReaderForMemory((const char *)data, (int)len, name, NULL, XML_OPTIONS);
	silence_end(&s);
	if (!x)
		return NULL;
	xmlTextReaderSetStructuredErrorHandler(x, quiet,
	                                       plain_utf8(data, len) ? NULL : (void *)&CONVERTS);
	return x;
}

static uint32_t max_depth(const sons_rctx *r)
{
	return r->lim && r->lim->max_xml_depth ? r->lim->max_xml_depth : 256;
}

static int depth_error(sons_rctx *r, const char *part)
{
	sons__error_set(r->err, r->lang, SONS_ELIMIT, r->path,
	                "%s : éléments XML imbriqués sur plus de %u niveaux (limite de sécurité)",
	                "%s: XML elements nested more than %u levels deep (safety limit)", part,
	                (unsigned)max_depth(r));
	return -1;
}

static int doctype_error(sons_rctx *r, const char *part)
{
	sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path,
	                "%s : déclaration DOCTYPE refusée (risque d'entités externes ou "
	                "d'expansion exponentielle « billion laughs »)",
	                "%s: DOCTYPE declaration refused (risk of external entities or "
	                "\"billion laughs\" expansion)",
	                part);
	return -1;
}

/* Errors only a DOCTYPE can cause: entity and DTD declarations, entity
 * expansion. The parser may meet them before it hands us the DOCTYPE node
 * (an entity used in an attribute, a billion laughs in the first bytes). */
static int dtd_error(int code)
{
	switch (code) {
	case XML_ERR_ENTITYREF_IN_DTD:
	case XML_ERR_PEREF_AT_EOF:
	case XML_ERR_PEREF_IN_PROLOG:
	case XML_ERR_PEREF_IN_EPILOG:
	case XML_ERR_PEREF_IN_INT_SUBSET:
	case XML_ERR_PEREF_NO_NAME:
	case XML_ERR_PEREF_SEMICOL_MISSING:
	case XML_ERR_UNPARSED_ENTITY:
	case XML_ERR_ENTITY_IS_EXTERNAL:
	case XML_ERR_ENTITY_IS_PARAMETER:
	case XML_ERR_ENTITY_NOT_STARTED:
	case XML_ERR_ENTITY_NOT_FINISHED:
	case XML_ERR_NOTATION_NOT_STARTED:
	case XML_ERR_NOTATION_NOT_FINISHED:
	case XML_ERR_ATTLIST_NOT_STARTED:
	case XML_ERR_ATTLIST_NOT_FINISHED:
	case XML_ERR_ELEMCONTENT_NOT_STARTED:
	case XML_ERR_ELEMCONTENT_NOT_FINISHED:
	case XML_ERR_CONDSEC_NOT_STARTED:
	case XML_ERR_CONDSEC_NOT_FINISHED:
	case XML_ERR_EXT_SUBSET_NOT_FINISHED:
	case XML_ERR_DOCTYPE_NOT_FINISHED:
	case XML_ERR_EXT_ENTITY_STANDALONE:
	case XML_ERR_CONDSEC_INVALID:
	case XML_ERR_ENTITY_CHAR_ERROR:
	case XML_ERR_ENTITY_PE_INTERNAL:
	case XML_ERR_ENTITY_LOOP:
	case XML_ERR_ENTITY_BOUNDARY:
	case XML_ERR_CONDSEC_INVALID_KEYWORD:
	case XML_ERR_NOT_STANDALONE:
	case XML_ERR_ENTITY_PROCESSING:
	case XML_ERR_NOTATION_PROCESSING:
		return 1;
	default:
		return 0;
	}
}

static int parse_error(sons_rctx *r, const char *part)
{
	const xmlError *e = xmlGetLastError();
	if (!e || !e->message) {
		sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path, "%s : XML mal formé",
		                "%s: malformed XML", part);
		return -1;
	}
	/* libxml2's own depth guard (256 levels without XML_PARSE_HUGE) may
	 * fire before a deep node reaches us: it is the same limit. */
	if (strstr(e->message, "Excessive depth"))
		return depth_error(r, part);
	if (dtd_error(e->code))
		return doctype_error(r, part);
	if (e->domain == XML_FROM_I18N || (e->domain == XML_FROM_IO && e->code == XML_IO_ENCODER)) {
		sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path,
		                "%s : caractères qui ne suivent pas l'encodage déclaré dans "
		                "l'en-tête XML",
		                "%s: characters that do not follow the encoding declared in the "
		                "XML header",
		                part);
		return -1;
	}
	char msg[256];
	size_t n = strlen(e->message);
	if (n >= sizeof(msg))
		n = sizeof(msg) - 1;
	/* One line: libxml2 splits some messages ("…indicate encoding !\nBytes:
	 * 0xE9…") and ends them with a newline. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = e->message[i];
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		if (c == ' ' && (k == 0 || msg[k - 1] == ' '))
			continue;
		msg[k++] = c;
	}
	n = k;
	while (n && msg[n - 1] == ' ')
		n--;
	msg[n] = '\0';
	if (e->line > 0)
		sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path,
		                "%s : XML mal formé, ligne %d : %s",
		                "%s: malformed XML, line %d: %s", part, e->line, msg);
	else
		sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path, "%s : XML mal formé : %s",
		                "%s: malformed XML: %s", part, msg);
	return -1;
}

int sons__xml_next(sons_rctx *r, struct _xmlTextReader *x, const char *part)
{
	xmlTextReaderErrorFunc f = NULL;
	void *arg = NULL;
	xmlTextReaderGetErrorHandler(x, &f, &arg);
	int ret;
	if (arg == &CONVERTS) {
		silence s;
		silence_begin(&s);
		ret = xmlTextReaderRead(x);
		silence_end(&s);
	} else {
		ret = xmlTextReaderRead(x);
	}
	if (ret == 0)
		return 0;
	if (ret < 0)
		return parse_error(r, part);
	switch (xmlTextReaderNodeType(x)) {
	case XML_READER_TYPE_DOCUMENT_TYPE:
		return doctype_error(r, part);
	case XML_READER_TYPE_ELEMENT: {
		int d = xmlTextReaderDepth(x);
		if (d >= 0 && (uint32_t)d >= max_depth(r))
			return depth_error(r, part);
		break;
	}
	default:
		break;
	}
	return 1;
}

const char *sons__xml_ns(struct _xmlTextReader *x)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(x);
	if (!n)
		return NULL;
	if (n->type == XML_NAMESPACE_DECL)
		return "http://www.w3.org/2000/xmlns/";
	if (n->type != XML_ELEMENT_NODE && n->type != XML_ATTRIBUTE_NODE)
		return NULL;
	return n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
}

/* dc:title of a metadata part (docProps/core.xml, meta.xml) into the
 * "title" property. A missing or broken part is not an error; only
 * running out of memory is. */
sons_status sons__read_title(sons_rctx *r, sons_zip *z, const char *part)
{
	unsigned char *data = NULL;
	size_t len = 0;
	struct _xmlTextReader *x = NULL;
	sons_buf t = SONS_BUF_INIT;
	sons_error keep = { SONS_OK, "", "" };
	sons_status st = SONS_OK;
	int in = 0, done = 0, rc;

	if (!sons__zip_has(z, part))
		return SONS_OK;
	if (r->err)
		keep = *r->err;
	st = sons__zip_read(z, part, &data, &len);
	if (st != SONS_OK)
		goto cleanup;
	x = sons__xml_reader_new(data, len, part);
	if (!x) {
		st = SONS_ENOMEM;
		goto cleanup;
	}
	while (!done && (rc = sons__xml_next(r, x, part)) == 1) {
		int type = xmlTextReaderNodeType(x);
		if (type == XML_READER_TYPE_ELEMENT && !in &&
		    strcmp((const char *)xmlTextReaderConstLocalName(x), "title") == 0) {
			const xmlChar *ns = xmlTextReaderConstNamespaceUri(x);
			if (ns &&
			    strcmp((const char *)ns, "http://purl.org/dc/elements/1.1/") == 0) {
				if (xmlTextReaderIsEmptyElement(x))
					done = 1;
				else
					in = 1;
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT && in) {
			if (strcmp((const char *)xmlTextReaderConstLocalName(x), "title") == 0)
				done = 1;
		} else if (in && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
		                  type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			const char *v = (const char *)xmlTextReaderConstValue(x);
			if (!v)
				continue;
			if (sons__buf_append(&t, v, strlen(v))) {
				st = SONS_ENOMEM;
				goto cleanup;
			}
		}
	}
	if (!done)
		goto cleanup; /* parse error, or no title: not worth failing for */
	if (t.len) {
		sons_buf clean = SONS_BUF_INIT;
		st = sons__utf8_clean(&clean, t.data, t.len) ? SONS_ENOMEM : SONS_OK;
		if (st == SONS_OK && clean.len)
			st = sons__doc_set_meta(r, "title", clean.data);
		sons__buf_free(&clean);
	}
cleanup:
	if (st != SONS_ENOMEM) {
		st = SONS_OK;
		if (r->err)
			*r->err = keep;
	}
	if (x)
		xmlFreeTextReader(x);
	sons__free(data);
	sons__buf_free(&t);
	return st;
}
