/* SPDX-License-Identifier: MIT */
/* Chooses the reader from the first bytes and, for zip containers, from
 * the parts the archive holds; the file name's extension is not trusted. */
#include <string.h>

#include "internal.h"

static const char MIME_ODT[] = "application/vnd.oasis.opendocument.text";
static const char MIME_ODS[] = "application/vnd.oasis.opendocument.spreadsheet";

static int starts_with(const unsigned char *data, size_t len, const char *magic, size_t n)
{
	return len >= n && memcmp(data, magic, n) == 0;
}

/* "%PDF-" within the first 1024 bytes, as PDF readers accept (some
 * generators put a few bytes before it). */
static int pdf_magic(const unsigned char *data, size_t len)
{
	size_t n = len < 1024 ? len : 1024;
	for (size_t i = 0; i + 5 <= n; i++)
		if (data[i] == '%' && memcmp(data + i, "%PDF-", 5) == 0)
			return 1;
	return 0;
}

static const sons_reader *pick_zip_reader(sons_rctx *r, sons_zip *z, sons_status *st)
{
	*st = SONS_OK;
	if (sons__zip_has(z, "word/document.xml"))
		return &sons__reader_docx;
	if (sons__zip_has(z, "xl/workbook.xml"))
		return &sons__reader_xlsx;
	if (sons__zip_has(z, "mimetype")) {
		unsigned char *mt = NULL;
		size_t n = 0;
		*st = sons__zip_read(z, "mimetype", &mt, &n);
		if (*st != SONS_OK)
			return NULL;
		const sons_reader *rd = NULL;
		while (n && (mt[n - 1] == '\n' || mt[n - 1] == '\r' || mt[n - 1] == ' '))
			n--;
		if (n == strlen(MIME_ODT) && memcmp(mt, MIME_ODT, n) == 0)
			rd = &sons__reader_odt;
		else if (n == strlen(MIME_ODS) && memcmp(mt, MIME_ODS, n) == 0)
			rd = &sons__reader_ods;
		sons__free(mt);
		if (rd)
			return rd;
	}
	*st = sons__error_set(
	        r->err, r->lang, SONS_EUNSUPPORTED, r->path,
	        "archive zip qui ne contient ni document Word (.docx), ni classeur Excel (.xlsx), "
	        "ni document OpenDocument texte (.odt) ou classeur (.ods)",
	        "zip archive holding no Word (.docx), Excel (.xlsx), OpenDocument text (.odt) or "
	        "spreadsheet (.ods) document");
	return NULL;
}

sons_status sons__read_document(sons_rctx *r, const unsigned char *data, size_t len)
{
	if (len == 0)
		return sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path, "fichier vide",
		                       "empty file");
	if (starts_with(data, len, "PK\x03\x04", 4) || starts_with(data, len, "PK\x05\x06", 4)) {
		sons_zip *z = NULL;
		sons_status st = sons__zip_open(&z, r, data, len);
		if (st != SONS_OK)
			return st;
		const sons_reader *rd = pick_zip_reader(r, z, &st);
		if (rd) {
			sons__doc_set_format(r->doc, rd->name);
			st = rd->read(r, data, len, z);
		}
		sons__zip_close(z);
		return st;
	}
	if (pdf_magic(data, len)) {
#ifdef SONS_HAVE_PDF
		sons__doc_set_format(r->doc, sons__reader_pdf.name);
		return sons__reader_pdf.read(r, data, len, NULL);
#else
		return sons__error_set(
		        r->err, r->lang, SONS_EUNSUPPORTED, r->path,
		        "document PDF : cette version de sons ne lit pas encore les PDF",
		        "PDF document: this build of sons does not read PDF yet");
#endif
	}
	if (starts_with(data, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return sons__error_set(
		        r->err, r->lang, SONS_EUNSUPPORTED, r->path,
		        "document Office chiffré par mot de passe, ou ancien format binaire (.doc, "
		        ".xls) : enregistrez-le en .docx, .xlsx ou PDF sans mot de passe",
		        "password-encrypted Office document, or old binary format (.doc, .xls): "
		        "save it as .docx, .xlsx or PDF without a password");
	if (starts_with(data, len, "{\\rtf", 5))
		return sons__error_set(r->err, r->lang, SONS_EUNSUPPORTED, r->path,
		                       "document RTF non pris en charge",
		                       "RTF documents are not supported");
	return sons__error_set(
	        r->err, r->lang, SONS_EFORMAT, r->path,
	        "format non reconnu : ni .docx, .xlsx, .odt, .ods, ni PDF (le contenu ne "
	        "correspond à aucun de ces formats, quelle que soit l'extension)",
	        "unrecognised format: not .docx, .xlsx, .odt, .ods nor PDF (the content matches "
	        "none of these, whatever the extension)");
}
