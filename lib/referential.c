/* SPDX-License-Identifier: MIT */
#include <string.h>

#include <jansson.h>

#include "referential.h"

extern const char sons__referentiel_json[];
extern const size_t sons__referentiel_json_len;

static const char *const pat_paths[SP_COUNT] = {
	[SP_STATE_LOOSE] = "state_loose",
	[SP_ZERO_WORDS] = "zero_words",
	[SP_COL_LABEL] = "columns.label",
	[SP_COL_REF] = "columns.ref",
	[SP_COL_QTY] = "columns.qty",
	[SP_COL_UNIT] = "columns.unit",
	[SP_COL_DISCOUNT] = "columns.discount",
	[SP_COL_VAT_RATE] = "columns.vat_rate",
	[SP_COL_VAT_AMOUNT] = "columns.vat_amount",
	[SP_COL_TTC] = "columns.total_ttc",
	[SP_COL_STATE] = "columns.state",
	[SP_COL_CLIENT] = "columns.client",
	[SP_COL_HT] = "columns.total_ht",
	[SP_SECTION_SEGUR] = "section_segur",
	[SP_SECTION_HORS] = "section_hors",
	[SP_SUBTOTAL] = "subtotal",
	[SP_TOTAL] = "total",
	[SP_VAT_LINE] = "vat_line",
	[SP_CLIENT_TOTAL] = "client_total",
	[SP_LABEL_OUT] = "label_out",
	[SP_AMBIGUOUS_STRONG] = "ambiguous_strong",
	[SP_AMBIGUOUS] = "ambiguous",
	[SP_MAINTENANCE] = "maintenance",
	[SP_MAINT_CORRECTIVE] = "maintenance_corrective",
	[SP_RECURRING] = "recurring",
	[SP_CATCHUP] = "catchup",
	[SP_CATCHUP_JUSTIFICATION] = "catchup_justification",
	[SP_CLIENT_VERSION] = "client_version",
	[SP_SOLUTION] = "solution",
	[SP_VERSION_STATED] = "version_stated",
	[SP_VERSION_TOKEN] = "version_token",
	[SP_VLIST_HEADING] = "version_list_heading",
	[SP_VLIST_COL_VERSION] = "version_list_column_version",
	[SP_VLIST_COL_DATE] = "version_list_column_date",
	[SP_REFERENCED] = "referenced",
	[SP_REFERENCED_DATE] = "referenced_date",
	[SP_PREREF] = "prereferencing",
	[SP_PREREF_CONDITION] = "prereferencing_condition",
	[SP_COND_MODULES] = "conditions_modules",
	[SP_COND_ENGAGEMENT] = "conditions_engagement",
	[SP_MULTI_COULOIR] = "multi_couloir",
	[SP_NEGATION] = "negation",
	[SP_OTHER_FUNDING] = "other_funding",
	[SP_OTHER_FUNDING_USE] = "other_funding_use",
	[SP_KIND_BDC] = "kinds.bdc",
	[SP_KIND_MOM] = "kinds.mom",
	[SP_KIND_VA] = "kinds.va",
	[SP_KIND_DEVIS] = "kinds.devis",
	[SP_DOC_DATE] = "document_date",
	[SP_DOC_NUMBER] = "document_number",
	[SP_SIGNATURE] = "signature_block",
	[SP_PARTY_NAME] = "party_name",
	[SP_ROLE_EDITOR] = "role_editor",
	[SP_ROLE_CLIENT] = "role_client",
	[SP_FINESS] = "finess",
	[SP_IDENT_COLUMN] = "ident_column",
	[SP_SIRET] = "siret",
	[SP_SIREN] = "siren",
	[SP_TVA] = "tva",
	[SP_ORDER_REF] = "asp.order_reference",
	[SP_QUOTE_REF] = "asp.quote_reference",
	[SP_KIND_DATE] = "asp.kind_date",
	[SP_MSSANTE] = "asp.mssante",
	[SP_SCENARIO] = "asp.scenario",
	[SP_ADVANCE] = "asp.advance",
	[SP_BALANCE] = "asp.balance",
	[SP_PROOF_DOSSIER] = "asp.proof_dossier",
	[SP_VAGUE] = "asp.vague",
	[SP_SIG_CLIENT] = "asp.signature_client",
	[SP_SIG_EDITOR] = "asp.signature_editor",
	[SP_SIG_GENERIC] = "asp.signature_generic",
	[SP_SIG_NAME] = "asp.signatory_name",
	[SP_SIG_QUALITY] = "asp.signatory_quality",
	[SP_SIG_APPROVED] = "asp.signature_approved",
	[SP_SIG_ELECTRONIC] = "asp.signature_electronic",
};

typedef struct loader {
	const char *origin;
	sons_lang lang;
	sons_error *err;
} loader;

static sons_status fail(loader *l, const char *where, const char *fr, const char *en)
{
	return sons__error_set(l->err, l->lang, SONS_EINVALID, l->origin,
	                       "référentiel %s : %s : %s", "referential %s: %s: %s", l->origin,
	                       where, l->lang == SONS_LANG_EN ? en : fr);
}

static json_t *get_path(json_t *obj, const char *path)
{
	char key[64];
	const char *p = path;
	while (obj && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		obj = json_is_object(obj) ? json_object_get(obj, key) : NULL;
		p = dot ? dot + 1 : p + n;
	}
	return obj;
}

static void re_free(sons_re *re)
{
	if (!re)
		return;
	pcre2_code_free(re->code);
	sons__prefilter_free(&re->pf);
	sons__free(re);
}

static sons_status compile(loader *l, const char *where, const char *src, sons_re **out)
{
	int ec = 0;
	PCRE2_SIZE off = 0;
	pcre2_code *code =
	        pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
	                      PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DUPNAMES,
	                      &ec, &off, NULL);
	if (!code) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		char buf[256];
		snprintf(buf, sizeof(buf), "%s (position %lu)", (const char *)msg,
		         (unsigned long)off);
		return sons__error_set(l->err, l->lang, SONS_EINVALID, l->origin,
		                       "référentiel %s : %s : expression régulière invalide : %s",
		                       "referential %s: %s: invalid regular expression: %s",
		                       l->origin, where, buf);
	}
	/* JIT makes matching several times faster; without it (not built in,
	 * no executable memory) the interpreter still works. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	sons_re *re = sons__calloc(1, sizeof(*re));
	if (!re) {
		pcre2_code_free(code);
		return SONS_ENOMEM;
	}
	re->code = code;
	if (pcre2_pattern_info(code, PCRE2_INFO_MINLENGTH, &re->minlen) != 0)
		re->minlen = 0;
	if (sons__prefilter_build(&re->pf, src) != 0) {
		re_free(re);
		return SONS_ENOMEM;
	}
	*out = re;
	return SONS_OK;
}

static sons_status get_string(loader *l, json_t *obj, const char *path, const char **out)
{
	json_t *v = get_path(obj, path);
	if (!json_is_string(v))
		return fail(l, path, "chaîne attendue, absente ou d'un autre type",
		            "string expected, missing or of another type");
	*out = json_string_value(v);
	return SONS_OK;
}

static sons_status load_named(loader *l, json_t *arr, const char *where, sons_named_re *dst,
                              int max, int *count)
{
	char w[96];
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return fail(l, where, "liste non vide attendue", "non-empty list expected");
	if (json_array_size(arr) > (size_t)max)
		return fail(l, where, "trop d'entrées", "too many entries");
	size_t i;
	json_t *e;
	json_array_foreach (arr, i, e) {
		const char *name = NULL, *regex = NULL;
		snprintf(w, sizeof(w), "%s[%zu]", where, i);
		if (get_string(l, e, "name", &name) || get_string(l, e, "regex", &regex))
			return l->err ? l->err->code : SONS_EINVALID;
		dst[i].name = sons__strdup(name);
		if (!dst[i].name)
			return SONS_ENOMEM;
		*count = (int)i + 1;
		sons_status st = compile(l, w, regex, &dst[i].re);
		if (st)
			return st;
	}
	return SONS_OK;
}

static int parse_when(const char *s, sons_date *d)
{
	return s && sons__date_parse_iso(s, d);
}

static sons_status load_deadlines(loader *l, sons_ref *ref, json_t *arr)
{
	if (!arr)
		return SONS_OK;
	if (!json_is_array(arr))
		return fail(l, "deadlines", "liste attendue", "list expected");
	size_t n = json_array_size(arr);
	ref->deadlines = sons__calloc(n ? n : 1, sizeof(sons_deadline));
	if (!ref->deadlines)
		return SONS_ENOMEM;
	size_t i;
	json_t *e;
	char w[64];
	json_array_foreach (arr, i, e) {
		sons_deadline *d = &ref->deadlines[i];
		ref->ndeadlines = (int)i + 1;
		snprintf(w, sizeof(w), "deadlines[%zu]", i);
		const char *dsr = NULL;
		if (get_string(l, e, "dsr", &dsr))
			return SONS_EINVALID;
		d->dsr = sons__strdup(dsr);
		json_t *src = json_object_get(e, "source");
		d->source = sons__strdup(json_is_string(src) ? json_string_value(src) : "");
		if (!d->dsr || !d->source)
			return SONS_ENOMEM;
		json_t *vg = json_object_get(e, "vague");
		d->vague = json_is_integer(vg) ? (int)json_integer_value(vg) : 1;
		const char *keys[4] = { "order", "install", "close", "opens" };
		sons_date *dates[4] = { &d->order, &d->install, &d->close, &d->opens };
		int *has[4] = { &d->has_order, &d->has_install, &d->has_close, &d->has_opens };
		for (int k = 0; k < 4; k++) {
			json_t *v = json_object_get(e, keys[k]);
			if (!v)
				continue;
			if (!json_is_string(v) || !parse_when(json_string_value(v), dates[k]))
				return fail(l, w, "date AAAA-MM-JJ[THH:MM] attendue",
				            "date YYYY-MM-DD[THH:MM] expected");
			*has[k] = 1;
		}
	}
	return SONS_OK;
}

static sons_status load_ceilings(loader *l, sons_ref *ref, json_t *arr)
{
	if (!arr)
		return SONS_OK;
	if (!json_is_array(arr))
		return fail(l, "ceilings", "liste attendue", "list expected");
	size_t n = json_array_size(arr);
	ref->ceilings = sons__calloc(n ? n : 1, sizeof(sons_ceiling));
	if (!ref->ceilings)
		return SONS_ENOMEM;
	size_t i;
	json_t *e;
	char w[64];
	json_array_foreach (arr, i, e) {
		sons_ceiling *c = &ref->ceilings[i];
		ref->nceilings = (int)i + 1;
		snprintf(w, sizeof(w), "ceilings[%zu]", i);
		const char *dsr = NULL;
		if (get_string(l, e, "dsr", &dsr))
			return SONS_EINVALID;
		json_t *basis = json_object_get(e, "basis");
		c->dsr = sons__strdup(dsr);
		c->basis = sons__strdup(json_is_string(basis) ? json_string_value(basis) : "");
		json_t *basis_en = json_object_get(e, "basis_en");
		c->basis_en = sons__strdup(json_is_string(basis_en) ? json_string_value(basis_en)
		                           : c->basis               ? c->basis
		                                                    : "");
		if (!c->dsr || !c->basis || !c->basis_en)
			return SONS_ENOMEM;
		json_t *amt = json_object_get(e, "amount_ht");
		if (amt && !json_is_null(amt)) {
			if (!json_is_number(amt) || json_number_value(amt) < 0 ||
			    json_number_value(amt) > 1e9)
				return fail(l, w, "amount_ht : nombre positif ou null attendu",
				            "amount_ht: positive number or null expected");
			double v = json_number_value(amt) * 100.0;
			c->amount_ht_cents = (int64_t)(v + 0.5);
			c->has_amount = 1;
		}
		json_t *per = json_object_get(e, "per_establishment");
		c->per_establishment = json_is_true(per);
	}
	return SONS_OK;
}

static sons_status load_etypes(loader *l, sons_ref *ref, json_t *arr)
{
	if (!arr)
		return SONS_OK;
	if (!json_is_array(arr) || json_array_size(arr) > SONS_MAX_ETYPES)
		return fail(l, "patterns.establishment_types",
		            "liste de 16 entrées au plus attendue",
		            "list of at most 16 entries expected");
	size_t i;
	json_t *e;
	json_array_foreach (arr, i, e) {
		char w[96];
		snprintf(w, sizeof(w), "patterns.establishment_types[%zu]", i);
		const char *domain = NULL, *name = NULL, *regex = NULL;
		sons_status st;
		if ((st = get_string(l, e, "domain", &domain)) ||
		    (st = get_string(l, e, "regex", &regex)))
			return st;
		json_t *nm = json_object_get(e, "name");
		name = json_is_string(nm) ? json_string_value(nm) : domain;
		sons_etype *t = &ref->etypes[i];
		ref->netypes = (int)i + 1;
		t->domain = sons__strdup(domain);
		t->name = sons__strdup(name);
		if (!t->domain || !t->name)
			return SONS_ENOMEM;
		if ((st = compile(l, w, regex, &t->re)))
			return st;
	}
	return SONS_OK;
}

/* An integer parameter in [lo, hi]; absent: the default. */
static sons_status get_param(loader *l, json_t *obj, const char *key, long long lo, long long hi,
                             long long *out)
{
	json_t *v = obj ? json_object_get(obj, key) : NULL;
	if (!v)
		return SONS_OK;
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
		char w[96];
		snprintf(w, sizeof(w), "parameters.%s", key);
		return fail(l, w, "entier dans les bornes attendu",
		            "integer within bounds expected");
	}
	*out = json_integer_value(v);
	return SONS_OK;
}

static sons_status load_params(loader *l, sons_ref *ref, json_t *obj)
{
	if (obj && !json_is_object(obj))
		return fail(l, "parameters", "objet attendu", "object expected");
	long long window = 120, adv = 30, bal = 70, vat = 20, tol = 100;
	sons_status st;
	if ((st = get_param(l, obj, "prereferencing_window_days", 1, 3650, &window)) ||
	    (st = get_param(l, obj, "advance_percent", 0, 100, &adv)) ||
	    (st = get_param(l, obj, "balance_percent", 0, 100, &bal)) ||
	    (st = get_param(l, obj, "ceiling_vat_percent", 0, 100, &vat)) ||
	    (st = get_param(l, obj, "split_tolerance_cents", 0, 100000, &tol)))
		return st;
	ref->params.preref_window_days = (int)window;
	ref->params.advance_percent = (int)adv;
	ref->params.balance_percent = (int)bal;
	ref->params.ceiling_vat_percent = (int)vat;
	ref->params.split_tolerance_cents = tol;
	return SONS_OK;
}

static sons_status load(loader *l, sons_ref *ref, json_t *root)
{
	sons_status st;
	if (!json_is_object(root))
		return fail(l, "/", "objet JSON attendu", "JSON object expected");
	json_t *fmt = json_object_get(root, "format");
	if (!json_is_integer(fmt) || json_integer_value(fmt) != 1)
		return fail(l, "format", "version de format 1 attendue",
		            "format version 1 expected");
	const char *id = NULL, *version = NULL, *date = NULL;
	if ((st = get_string(l, root, "id", &id)) ||
	    (st = get_string(l, root, "version", &version)) ||
	    (st = get_string(l, root, "date", &date)))
		return st;
	size_t n = strlen(id) + strlen(version) + strlen(date) + 8;
	ref->id = sons__malloc(n);
	if (!ref->id)
		return SONS_ENOMEM;
	snprintf(ref->id, n, "%s %s (%s)", id, version, date);

	json_t *pats = json_object_get(root, "patterns");
	if (!json_is_object(pats))
		return fail(l, "patterns", "objet attendu", "object expected");
	for (int i = 0; i < SP_COUNT; i++) {
		const char *src;
		char where[96];
		snprintf(where, sizeof(where), "patterns.%s", pat_paths[i]);
		json_t *v = get_path(pats, pat_paths[i]);
		if (!json_is_string(v))
			return fail(l, where, "expression attendue, absente ou d'un autre type",
			            "pattern expected, missing or of another type");
		src = json_string_value(v);
		if ((st = compile(l, where, src, &ref->pat[i])))
			return st;
	}
	if ((st = load_named(l, json_object_get(pats, "state_wordings"), "patterns.state_wordings",
	                     ref->wordings, SONS_MAX_WORDINGS, &ref->nwordings)) ||
	    (st = load_named(l, json_object_get(pats, "perimeter_in"), "patterns.perimeter_in",
	                     ref->in, SONS_MAX_FAMILIES, &ref->nin)) ||
	    (st = load_named(l, json_object_get(pats, "perimeter_out"), "patterns.perimeter_out",
	                     ref->out, SONS_MAX_FAMILIES, &ref->nout)))
		return st;

	json_t *dsrs = json_object_get(root, "dsr");
	if (!json_is_array(dsrs) || json_array_size(dsrs) == 0 ||
	    json_array_size(dsrs) > SONS_MAX_DSR)
		return fail(l, "dsr", "liste de 1 à 16 DSR attendue",
		            "list of 1 to 16 DSRs expected");
	size_t i;
	json_t *e;
	json_array_foreach (dsrs, i, e) {
		char where[64];
		snprintf(where, sizeof(where), "dsr[%zu]", i);
		sons_dsr *d = &ref->dsr[i];
		ref->ndsr = (int)i + 1;
		const char *code = NULL, *name = NULL, *regex = NULL;
		if ((st = get_string(l, e, "code", &code)) ||
		    (st = get_string(l, e, "name", &name)) ||
		    (st = get_string(l, e, "regex", &regex)))
			return st;
		d->code = sons__strdup(code);
		d->name = sons__strdup(name);
		if (!d->code || !d->name)
			return SONS_ENOMEM;
		if ((st = compile(l, where, regex, &d->re)))
			return st;
		json_t *prof = json_object_get(e, "profiles");
		if (json_is_string(prof) &&
		    (st = compile(l, where, json_string_value(prof), &d->profiles)))
			return st;
		d->version_list_required =
		        json_is_true(json_object_get(e, "version_list_required"));
	}
	if ((st = load_deadlines(l, ref, json_object_get(root, "deadlines"))) ||
	    (st = load_ceilings(l, ref, json_object_get(root, "ceilings"))) ||
	    (st = load_etypes(l, ref, json_object_get(pats, "establishment_types"))) ||
	    (st = load_params(l, ref, json_object_get(root, "parameters"))))
		return st;
	return SONS_OK;
}

sons_status sons__ref_load(sons_ref **out, const char *json, size_t len, const char *origin,
                           sons_lang lang, sons_error *err)
{
	loader l = { origin ? origin : "(intégré)", lang, err };
	*out = NULL;
	json_error_t jerr;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return sons__error_set(err, lang, SONS_EINVALID, l.origin,
		                       "référentiel %s : JSON invalide ligne %d, colonne %d : %s",
		                       "referential %s: invalid JSON at line %d, column %d: %s",
		                       l.origin, jerr.line, jerr.column, jerr.text);
	sons_ref *ref = sons__calloc(1, sizeof(*ref));
	if (!ref) {
		json_decref(root);
		return SONS_ENOMEM;
	}
	sons_status st = load(&l, ref, root);
	json_decref(root);
	if (st != SONS_OK) {
		if (st == SONS_ENOMEM)
			sons__error_set(err, lang, st, l.origin, "mémoire insuffisante",
			                "out of memory");
		sons__ref_free(ref);
		return st;
	}
	*out = ref;
	return SONS_OK;
}

void sons__ref_free(sons_ref *ref)
{
	if (!ref)
		return;
	for (int i = 0; i < SP_COUNT; i++)
		re_free(ref->pat[i]);
	sons_named_re *lists[3] = { ref->wordings, ref->in, ref->out };
	int counts[3] = { ref->nwordings, ref->nin, ref->nout };
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < counts[k]; i++) {
			sons__free(lists[k][i].name);
			re_free(lists[k][i].re);
		}
	for (int i = 0; i < ref->ndsr; i++) {
		sons__free(ref->dsr[i].code);
		sons__free(ref->dsr[i].name);
		re_free(ref->dsr[i].re);
		re_free(ref->dsr[i].profiles);
	}
	for (int i = 0; i < ref->ndeadlines; i++) {
		sons__free(ref->deadlines[i].dsr);
		sons__free(ref->deadlines[i].source);
	}
	sons__free(ref->deadlines);
	for (int i = 0; i < ref->nceilings; i++) {
		sons__free(ref->ceilings[i].dsr);
		sons__free(ref->ceilings[i].basis);
		sons__free(ref->ceilings[i].basis_en);
	}
	sons__free(ref->ceilings);
	for (int i = 0; i < ref->netypes; i++) {
		sons__free(ref->etypes[i].domain);
		sons__free(ref->etypes[i].name);
		re_free(ref->etypes[i].re);
	}
	sons__free(ref->id);
	sons__free(ref);
}

sons_matcher *sons__matcher_new(void)
{
	sons_matcher *m = sons__calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->md = pcre2_match_data_create(32, NULL);
	if (!m->md) {
		sons__free(m);
		return NULL;
	}
	m->gen = 1;
	return m;
}

void sons__matcher_free(sons_matcher *m)
{
	if (!m)
		return;
	pcre2_match_data_free(m->md);
	sons__free(m->slot);
	sons__free(m->store);
	sons__free(m);
}

/* The summary of s[0..len): the kept one when the same bytes were
 * summarised lately, else made (and kept when there is room). */
static const sons_summary *summary_of(sons_matcher *m, const char *s, size_t len)
{
	/* The same subject as the last call: most runs of the analyser. */
	if (m->last_slot && s == m->last && len == m->last_len && m->last_slot->gen == m->gen &&
	    memcmp(m->store + m->last_slot->off, s, len) == 0)
		return &m->last_slot->sum;
	m->last_slot = NULL;
	if (len > SONS_MATCHER_KEEP) {
		sons__summary_make(&m->sum, s, len);
		return &m->sum;
	}
	if (!m->slot) {
		m->slot = sons__calloc(SONS_MATCHER_SLOTS, sizeof(*m->slot));
		m->store = sons__malloc(SONS_MATCHER_STORE);
		if (!m->slot || !m->store) {
			sons__free(m->slot);
			sons__free(m->store);
			m->slot = NULL;
			m->store = NULL;
			sons__summary_make(&m->sum, s, len);
			return &m->sum;
		}
	}
	uint64_t h = sons__hash_bytes(s, len);
	sons_matcher_slot *k = &m->slot[h & (SONS_MATCHER_SLOTS - 1)];
	if (k->gen != m->gen || k->hash != h || k->len != len ||
	    memcmp(m->store + k->off, s, len) != 0) {
		if (SONS_MATCHER_STORE - m->used < len) {
			m->gen++; /* forget every kept summary */
			m->used = 0;
		}
		k->hash = h;
		k->off = m->used;
		k->len = (uint32_t)len;
		k->gen = m->gen;
		if (len)
			memcpy(m->store + m->used, s, len);
		m->used += (uint32_t)len;
		sons__summary_make(&k->sum, s, len);
	}
	m->last = s;
	m->last_len = len;
	m->last_slot = k;
	return &k->sum;
}

int sons__re_find(const sons_re *re, sons_matcher *m, const char *s, size_t len, size_t from,
                  size_t *start, size_t *end)
{
	if (!re || from > len)
		return 0;
	/* What rules the subject out without running the pattern: too short
	 * (a character is at least a byte), or none of the literals every
	 * match holds (most runs of the analyser end here). */
	if (len - from < re->minlen)
		return 0;
	if (re->pf.n && !sons__prefilter_pass(&re->pf, summary_of(m, s, len), s, len, from))
		return 0;
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, from, 0, m->md, NULL);
	if (rc < 0)
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	if (start)
		*start = ov[0];
	if (end)
		*end = ov[1];
	return 1;
}

int sons__re_group(const sons_re *re, sons_matcher *m, const char *name, size_t *start, size_t *end)
{
	PCRE2_SPTR first, last;
	int size = pcre2_substring_nametable_scan(re->code, (PCRE2_SPTR)name, &first, &last);
	if (size < 0)
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	uint32_t count = pcre2_get_ovector_count(m->md);
	for (PCRE2_SPTR e = first; e <= last; e += size) {
		int n = (e[0] << 8) | e[1];
		if ((uint32_t)n < count && ov[2 * n] != PCRE2_UNSET) {
			*start = ov[2 * n];
			*end = ov[2 * n + 1];
			return 1;
		}
	}
	return 0;
}
