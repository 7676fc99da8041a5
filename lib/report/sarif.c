/* SPDX-License-Identifier: MIT */
/* SARIF 2.1.0 view of the JSON report, for code-scanning dashboards.
 *
 * One run. tool.driver lists the whole rule catalogue (so that a rule that
 * did not fire still has its description); each finding becomes a result
 * pointing at its document (artifacts[], in report order) with a region
 * for a paragraph or text line and a logical location ("Devis!F12",
 * "tableau 2, ligne 4") for a cell or a table row. Paths stay as given:
 * relative ones are relative to %SRCROOT%, absolute ones become file URIs.
 * An unreadable document (SONS-D001) makes the invocation unsuccessful and
 * is named in toolExecutionNotifications. Keys keep their order and
 * nothing depends on time or addresses, so two runs print the same bytes. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "report/report.h"

#define SARIF_FLAGS (JSON_PRESERVE_ORDER | JSON_INDENT(2))
#define SARIF_SCHEMA                                                                               \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"                      \
	"sarif-schema-2.1.0.json"

/* Collects the first failure, as in json.c: once `fail` is set the result
 * is dropped. */
typedef struct sw {
	int fail;
	sons_lang lang;
	sons_buf tmp; /* scratch for built strings */
} sw;

static const char *tr(const sw *w, const char *fr, const char *en)
{
	return w->lang == SONS_LANG_EN ? en : fr;
}

static json_t *s_str(sw *w, const char *s)
{
	if (!s)
		s = "";
	json_t *v = json_string(s);
	if (v)
		return v;
	/* Not valid UTF-8: repair rather than fail on a document's bytes. */
	sons_buf b = SONS_BUF_INIT;
	if (sons__utf8_clean(&b, s, strlen(s)) == 0 && b.data)
		v = json_string(b.data);
	sons__buf_free(&b);
	if (!v)
		v = json_string("");
	if (!v)
		w->fail = 1;
	return v;
}

static json_t *s_int(sw *w, json_int_t n)
{
	json_t *v = json_integer(n);
	if (!v)
		w->fail = 1;
	return v;
}

static json_t *s_obj(sw *w)
{
	json_t *o = json_object();
	if (!o)
		w->fail = 1;
	return o;
}

static json_t *s_arr(sw *w)
{
	json_t *a = json_array();
	if (!a)
		w->fail = 1;
	return a;
}

static void put(sw *w, json_t *obj, const char *key, json_t *val)
{
	if (!val || !obj) {
		w->fail = 1;
		json_decref(val);
		return;
	}
	if (json_object_set_new(obj, key, val) != 0)
		w->fail = 1;
}

static void push(sw *w, json_t *arr, json_t *val)
{
	if (!val || !arr) {
		w->fail = 1;
		json_decref(val);
		return;
	}
	if (json_array_append_new(arr, val) != 0)
		w->fail = 1;
}

/* {"text": s} */
static json_t *s_message(sw *w, const char *s)
{
	json_t *o = s_obj(w);
	put(w, o, "text", s_str(w, s));
	return o;
}

static const char *level_name(sons_severity s)
{
	switch (s) {
	case SONS_SEVERITY_ERROR:
		return "error";
	case SONS_SEVERITY_WARNING:
		return "warning";
	case SONS_SEVERITY_INFO:
		break;
	}
	return "note";
}

/* ------------------------------------------------------------------ */
/* rules                                                                */

/* What each family checks and what to do about a finding; the catalogue
 * itself (rules.json) holds the titles. */
typedef struct family_text {
	char id;
	const char *name_fr, *name_en;
	const char *todo_fr, *todo_en;
} family_text;

static const family_text families[] = {
	{ 'D', "lecture et compréhension du document", "reading and understanding the document",
	  "Fournir le document dans un format lisible (DOCX, XLSX, ODT, ODS), non chiffré, avec "
	  "ses lignes chiffrées et sa nature (devis, bon de commande, MOM, VA) apparentes ; un "
	  "document qui n'a pas pu être vérifié n'est jamais conforme.",
	  "Provide the document in a readable format (DOCX, XLSX, ODT, ODS), unencrypted, with "
	  "its priced lines and its kind (quote, purchase order, MOM, VA) visible; a document "
	  "that could not be checked is never compliant." },
	{ 'M', "mentions obligatoires", "mandatory mentions",
	  "Ajouter au document la mention manquante, telle que la note de l'ANS aux éditeurs "
	  "l'exige (ligne du montant pris en charge par l'État, liste des versions, DSR, "
	  "solution et version, parties).",
	  "Add the missing mention to the document, as the ANS note to editors requires it "
	  "(line of the State-funded amount, version list, DSR, solution and version, "
	  "parties)." },
	{ 'R', "pas de reste à charge", "no remaining cost to the client",
	  "Ne rien laisser à la charge du client sur le périmètre de la Prestation Ségur : mettre "
	  "à zéro sa part sur ces lignes et faire couvrir celles-ci par le montant pris en charge "
	  "par l'État.",
	  "Leave nothing to the client inside the Prestation Ségur perimeter: set the client's "
	  "share of those lines to zero and have the State-funded amount cover them." },
	{ 'L', "structure des lignes", "line structure",
	  "Une ligne par DSR ; séparer les prestations prises en charge par l'État des "
	  "prestations hors périmètre ; isoler et justifier tout rattrapage de version ; "
	  "corriger les calculs.",
	  "One line per DSR; keep State-funded items apart from out-of-perimeter items; put any "
	  "version catch-up on a line of its own with its justification; fix the arithmetic." },
	{ 'C', "conditions et financement", "conditions and funding",
	  "Retirer les conditions attachées à la Prestation Ségur (module ou option à acheter, "
	  "réengagement) et tout autre financement déduit des montants.",
	  "Remove the conditions attached to the Prestation Ségur (a module or option to buy, a "
	  "new commitment) and any other funding deducted from the amounts." },
	{ 'P', "plafonds", "ceilings",
	  "Ramener le montant de la Prestation Ségur sous le forfait maximum du DSR pour ce "
	  "client, ou fournir un référentiel qui porte ce plafond.",
	  "Bring the Prestation Ségur amount under the DSR's maximum for this client, or provide "
	  "a referential that carries that ceiling." },
	{ 'T', "dates et échéances", "dates and deadlines",
	  "Dater les documents et respecter le calendrier du DSR (commande, installation, "
	  "vérification d'aptitude).",
	  "Date the documents and keep to the DSR's calendar (order, installation, fitness "
	  "check)." },
	{ 'I', "identifiants", "identifiers",
	  "Corriger l'identifiant (FINESS, SIRET, SIREN, TVA) : longueur, caractères et clé de "
	  "contrôle ; identifier chaque établissement par son FINESS géographique ou son SIRET.",
	  "Correct the identifier (FINESS, SIRET, SIREN, VAT): length, characters and check "
	  "key; identify each establishment by its site FINESS or its SIRET." },
	{ 'X', "cohérence entre documents", "consistency across documents",
	  "Mettre en accord les documents d'une même commande (devis, BDC, MOM, VA), les faire "
	  "signer, et ne financer qu'une fois un DSR par établissement.",
	  "Make the documents of one order agree (quote, purchase order, MOM, VA), have them "
	  "signed, and fund a DSR only once per establishment." },
};

static const family_text *family_of(const char *family)
{
	for (size_t i = 0; family && i < sizeof(families) / sizeof(families[0]); i++)
		if (family[0] == families[i].id)
			return &families[i];
	return NULL;
}

/* "SONS-R001" → "SONSR001". */
static json_t *rule_name(sw *w, const char *id)
{
	sons__buf_reset(&w->tmp);
	for (const char *p = id; *p; p++)
		if (*p != '-')
			sons__buf_putc(&w->tmp, *p);
	return s_str(w, w->tmp.data ? w->tmp.data : "");
}

static json_t *rule_descriptor(sw *w, const sons_rule_info *ri)
{
	const char *title = w->lang == SONS_LANG_EN ? ri->title_en : ri->title_fr;
	const family_text *ft = family_of(ri->family);
	json_t *o = s_obj(w);
	put(w, o, "id", s_str(w, ri->id));
	put(w, o, "name", rule_name(w, ri->id));
	put(w, o, "shortDescription", s_message(w, title));

	sons__buf_reset(&w->tmp);
	sons__buf_printf(&w->tmp, "%s. %s %s", title, tr(w, "Famille", "Family"), ri->family);
	if (ft)
		sons__buf_printf(&w->tmp, " (%s)", tr(w, ft->name_fr, ft->name_en));
	sons__buf_printf(&w->tmp, "%s%s.", tr(w, ", gravité : ", ", severity: "),
	                 sons__severity_word(ri->severity, w->lang));
	if (!ri->implemented)
		sons__buf_puts(&w->tmp, tr(w, " Pas encore évaluée par cette version.",
		                           " Not evaluated by this version yet."));
	put(w, o, "fullDescription", s_message(w, w->tmp.data));

	sons__buf_reset(&w->tmp);
	sons__buf_printf(&w->tmp, "%s.", title);
	if (ft)
		sons__buf_printf(&w->tmp, " %s", tr(w, ft->todo_fr, ft->todo_en));
	put(w, o, "help", s_message(w, w->tmp.data));

	json_t *conf = s_obj(w);
	put(w, conf, "level", json_string(level_name(ri->severity)));
	put(w, o, "defaultConfiguration", conf);
	json_t *props = s_obj(w);
	put(w, props, "family", s_str(w, ri->family));
	put(w, props, "implemented", json_boolean(ri->implemented));
	put(w, o, "properties", props);
	return o;
}

/* ------------------------------------------------------------------ */
/* documents                                                            */

/* A path as given, as a URI reference: relative paths stay relative (to
 * %SRCROOT%), absolute ones become file URIs; bytes outside the
 * unreserved and sub-delimiter sets are percent-encoded (':' too, so that
 * a relative path never reads as a scheme). */
static json_t *artifact_location(sw *w, const char *path, long index)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *p = path ? path : "";
	int absolute = p[0] == '/';
	sons__buf_reset(&w->tmp);
	if (absolute)
		sons__buf_puts(&w->tmp, "file://");
	for (const unsigned char *s = (const unsigned char *)p; *s; s++) {
		unsigned c = *s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    (c && strchr("-._~/!$&'()*+,;=@", (int)c))) {
			sons__buf_putc(&w->tmp, (char)c);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			sons__buf_append(&w->tmp, e, 3);
		}
	}
	json_t *o = s_obj(w);
	put(w, o, "uri", s_str(w, w->tmp.data ? w->tmp.data : ""));
	if (!absolute)
		put(w, o, "uriBaseId", json_string("%SRCROOT%"));
	if (index >= 0)
		put(w, o, "index", s_int(w, index));
	return o;
}

static const char *mime_type(const char *format)
{
	static const char *const types[][2] = {
		{ "docx",
		  "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
		{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
		{ "odt", "application/vnd.oasis.opendocument.text" },
		{ "ods", "application/vnd.oasis.opendocument.spreadsheet" },
		{ "pdf", "application/pdf" },
	};
	for (size_t i = 0; format && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(format, types[i][0]) == 0)
			return types[i][1];
	return NULL;
}

static json_t *artifact(sw *w, const sons_report *r)
{
	json_t *o = s_obj(w);
	put(w, o, "location", artifact_location(w, r->path, -1));
	const char *mt = mime_type(r->format);
	if (mt)
		put(w, o, "mimeType", json_string(mt));
	json_t *props = s_obj(w);
	put(w, props, "kind", json_string(sons_kind_name(r->kind)));
	put(w, props, "format", s_str(w, r->format ? r->format : "unknown"));
	put(w, props, "verdict", json_string(sons_verdict_name(r->verdict)));
	put(w, o, "properties", props);
	return o;
}

/* The location object of the JSON report, kept in the result's
 * properties for pipelines that want the raw coordinates. */
static json_t *json_location(sw *w, const sons_loc *loc)
{
	json_t *o = s_obj(w);
	if (loc->page > 0)
		put(w, o, "page", s_int(w, loc->page));
	if (loc->sheet && loc->sheet[0])
		put(w, o, "sheet", s_str(w, loc->sheet));
	if (loc->cell[0])
		put(w, o, "cell", s_str(w, loc->cell));
	if (loc->line > 0)
		put(w, o, "line", s_int(w, loc->line));
	if (loc->table > 0)
		put(w, o, "table", s_int(w, loc->table));
	if (loc->row > 0)
		put(w, o, "row", s_int(w, loc->row));
	if (loc->column > 0)
		put(w, o, "column", s_int(w, loc->column));
	return o;
}

static json_t *result_location(sw *w, const sons_report *r, size_t doc, const sons_loc *loc)
{
	json_t *o = s_obj(w);
	json_t *phys = s_obj(w);
	put(w, phys, "artifactLocation", artifact_location(w, r->path, (long)doc));
	/* A line of a paged document is a line of its page: no text region
	 * then, the page and line go into the logical location. */
	int in_grid = (loc->sheet && loc->sheet[0]) || loc->table > 0;
	if (loc->line > 0 && !in_grid && loc->page <= 0) {
		json_t *region = s_obj(w);
		put(w, region, "startLine", s_int(w, loc->line));
		put(w, phys, "region", region);
	}
	put(w, o, "physicalLocation", phys);

	if (in_grid || loc->page > 0 || (loc->cell[0] && loc->line <= 0)) {
		sons__buf_reset(&w->tmp);
		if (sons__loc_text(&w->tmp, loc, r->format, w->lang) && w->tmp.data) {
			json_t *ll = s_obj(w);
			put(w, ll, "name", s_str(w, w->tmp.data));
			put(w, ll, "kind", json_string("element"));
			sons_buf fq = SONS_BUF_INIT;
			sons__buf_puts(&fq, r->path ? r->path : "");
			sons__buf_putc(&fq, '#');
			sons__buf_puts(&fq, w->tmp.data);
			if (fq.oom)
				w->fail = 1;
			put(w, ll, "fullyQualifiedName", s_str(w, fq.data));
			sons__buf_free(&fq);
			json_t *lls = s_arr(w);
			push(w, lls, ll);
			put(w, o, "logicalLocations", lls);
		}
	}
	return o;
}

/* FNV-1a 64 of rule, path, location key and evidence, NUL-separated:
 * the same finding on the same file gets the same print run after run,
 * whatever the language of the messages. */
static json_t *fingerprints(sw *w, const sons_report *r, const sons_finding_int *f)
{
	static const char nul = '\0';
	uint64_t h = SONS_FNV1A64_INIT;
	const char *parts[2] = { f->rule ? f->rule : "", r->path ? r->path : "" };
	for (size_t i = 0; i < 2; i++) {
		h = sons__fnv1a64(h, parts[i], strlen(parts[i]));
		h = sons__fnv1a64(h, &nul, 1);
	}
	sons__buf_reset(&w->tmp);
	sons__loc_key(&w->tmp, &f->loc);
	if (w->tmp.data)
		h = sons__fnv1a64(h, w->tmp.data, w->tmp.len);
	h = sons__fnv1a64(h, &nul, 1);
	if (f->evidence)
		h = sons__fnv1a64(h, f->evidence, strlen(f->evidence));
	char hexs[17];
	snprintf(hexs, sizeof(hexs), "%016" PRIx64, h);
	json_t *o = s_obj(w);
	put(w, o, "sonsFinding/v1", json_string(hexs));
	return o;
}

static json_t *result(sw *w, const sons_report *r, size_t doc, const sons_finding_int *f)
{
	json_t *o = s_obj(w);
	long idx = sons__rule_index(f->rule);
	put(w, o, "ruleId", s_str(w, f->rule));
	if (idx >= 0)
		put(w, o, "ruleIndex", s_int(w, idx));
	put(w, o, "level", json_string(level_name(f->severity)));
	put(w, o, "message", s_message(w, f->message));
	json_t *locs = s_arr(w);
	push(w, locs, result_location(w, r, doc, &f->loc));
	put(w, o, "locations", locs);
	put(w, o, "partialFingerprints", fingerprints(w, r, f));
	json_t *props = s_obj(w);
	put(w, props, "severity", json_string(sons_severity_name(f->severity)));
	put(w, props, "location", json_location(w, &f->loc));
	if (f->evidence)
		put(w, props, "evidence", s_str(w, f->evidence));
	if (f->nrelated) {
		/* the other documents of a cross-document finding */
		json_t *rel = s_arr(w);
		for (size_t i = 0; i < f->nrelated; i++) {
			json_t *rl = s_obj(w), *pl = s_obj(w);
			put(w, pl, "artifactLocation", artifact_location(w, f->related[i], -1));
			put(w, rl, "id", s_int(w, (long)i));
			put(w, rl, "physicalLocation", pl);
			push(w, rel, rl);
		}
		put(w, o, "relatedLocations", rel);
	}
	put(w, o, "properties", props);
	return o;
}

/* One notification per unreadable document, with the reason SONS-D001
 * gave. */
static json_t *notification(sw *w, const sons_report *r, size_t doc, const sons_finding_int *f)
{
	json_t *o = s_obj(w);
	put(w, o, "level", json_string("error"));
	put(w, o, "message", s_message(w, f->message));
	json_t *locs = s_arr(w);
	json_t *loc = s_obj(w);
	json_t *phys = s_obj(w);
	put(w, phys, "artifactLocation", artifact_location(w, r->path, (long)doc));
	put(w, loc, "physicalLocation", phys);
	push(w, locs, loc);
	put(w, o, "locations", locs);
	json_t *rule = s_obj(w);
	long idx = sons__rule_index(f->rule);
	put(w, rule, "id", s_str(w, f->rule));
	if (idx >= 0)
		put(w, rule, "index", s_int(w, idx));
	put(w, o, "associatedRule", rule);
	return o;
}

static json_t *invocation(sw *w, sons_report *const *reports, size_t count)
{
	json_t *o = s_obj(w);
	json_t *notes = s_arr(w);
	int ok = 1;
	for (size_t i = 0; i < count; i++) {
		const sons_report *r = reports[i];
		for (size_t k = 0; k < r->nfindings; k++) {
			const sons_finding_int *f = &r->findings[k];
			if (f->rule && strcmp(f->rule, "SONS-D001") == 0) {
				push(w, notes, notification(w, r, i, f));
				ok = 0;
			}
		}
	}
	put(w, o, "executionSuccessful", json_boolean(ok));
	if (json_array_size(notes))
		put(w, o, "toolExecutionNotifications", notes);
	else
		json_decref(notes);
	return o;
}

static json_t *run(sw *w, const sons_context *ctx, sons_report *const *reports, size_t count)
{
	json_t *o = s_obj(w);

	json_t *tool = s_obj(w);
	json_t *driver = s_obj(w);
	put(w, driver, "name", json_string("sons"));
	put(w, driver, "version", s_str(w, sons_version_string()));
	put(w, driver, "semanticVersion", s_str(w, sons_version_string()));
	json_t *rules = s_arr(w);
	const sons_rule_info *ri;
	for (size_t i = 0; (ri = sons_rule_at(i)) != NULL; i++)
		push(w, rules, rule_descriptor(w, ri));
	put(w, driver, "rules", rules);
	put(w, tool, "driver", driver);
	put(w, o, "tool", tool);

	json_t *invs = s_arr(w);
	push(w, invs, invocation(w, reports, count));
	put(w, o, "invocations", invs);
	put(w, o, "language", json_string(w->lang == SONS_LANG_EN ? "en" : "fr"));

	json_t *arts = s_arr(w);
	for (size_t i = 0; i < count; i++)
		push(w, arts, artifact(w, reports[i]));
	put(w, o, "artifacts", arts);

	json_t *res = s_arr(w);
	for (size_t i = 0; i < count; i++)
		for (size_t k = 0; k < reports[i]->nfindings; k++)
			push(w, res, result(w, reports[i], i, &reports[i]->findings[k]));
	put(w, o, "results", res);

	const char *ref = NULL;
	if (count && reports[0]->referential)
		ref = reports[0]->referential;
	else if (ctx)
		ref = sons_context_referential_id(ctx);
	size_t nv[3] = { 0, 0, 0 };
	for (size_t i = 0; i < count; i++) {
		unsigned v = (unsigned)reports[i]->verdict;
		nv[v < 3 ? v : SONS_VERDICT_INDETERMINE]++;
	}
	json_t *props = s_obj(w);
	put(w, props, "referentiel", s_str(w, ref));
	json_t *sum = s_obj(w);
	put(w, sum, "documents", s_int(w, (json_int_t)count));
	put(w, sum, "conforme", s_int(w, (json_int_t)nv[SONS_VERDICT_CONFORME]));
	put(w, sum, "non-conforme", s_int(w, (json_int_t)nv[SONS_VERDICT_NON_CONFORME]));
	put(w, sum, "indetermine", s_int(w, (json_int_t)nv[SONS_VERDICT_INDETERMINE]));
	put(w, props, "summary", sum);
	put(w, o, "properties", props);
	return o;
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
	return sons__buf_append(data, buffer, size);
}

int sons__render_sarif(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                       size_t count, const sons_render_options *opts)
{
	sw w = { 0, sons__report_lang(ctx, reports, count), SONS_BUF_INIT };
	json_t *root = s_obj(&w);
	put(&w, root, "$schema", json_string(SARIF_SCHEMA));
	put(&w, root, "version", json_string("2.1.0"));
	json_t *runs = s_arr(&w);
	push(&w, runs, run(&w, ctx, reports, count));
	put(&w, root, "runs", runs);
	if (w.tmp.oom)
		w.fail = 1;

	int rc = -1;
	if (!w.fail && json_dump_callback(root, dump_cb, out, SARIF_FLAGS) == 0 &&
	    sons__buf_putc(out, '\n') == 0)
		rc = 0;
	json_decref(root);
	sons__buf_free(&w.tmp);
	return rc;
}
