/* SPDX-License-Identifier: MIT */
/* _sons: the private CPython extension under the `sons` package.
 *
 * A thin layer over the public API (include/sons/sons.h) and nothing else:
 * one Python type per opaque handle (Context, Report), the checks and the
 * rendering run with the GIL released, and every failure goes through
 * set_exception_from(). The typed API users see (check, audit, rules, the
 * frozen dataclasses) is pure Python, in __init__.py and report.py.
 *
 * Threads: a sons_context may be used by one thread at a time. A Context
 * object therefore refuses a second call while one is running in another
 * thread (RuntimeError) instead of letting two threads share it; reports
 * are immutable and may be read from anywhere. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sons/sons.h>

PyMODINIT_FUNC PyInit__sons(void);

/* What an SONS_EINVALID means at the call site that got it. */
typedef enum invalid_as {
	INVALID_USAGE,      /* a bad argument: sons.UsageError */
	INVALID_REFERENTIAL /* a malformed referential: sons.ReferentialError */
} invalid_as;

/* ------------------------------------------------------------------ */
/* Errors                                                               */

/* The exception classes live in sons/errors.py (pure Python, documented
 * there); they are looked up when needed, so that this module stays
 * importable alone (then ValueError / RuntimeError stand in). */
static PyObject *error_class(const char *name, PyObject *fallback)
{
	PyObject *mod = PyImport_ImportModule("sons.errors");
	if (!mod) {
		PyErr_Clear();
		Py_INCREF(fallback);
		return fallback;
	}
	PyObject *cls = PyObject_GetAttrString(mod, name);
	Py_DECREF(mod);
	if (!cls) {
		PyErr_Clear();
		Py_INCREF(fallback);
		return fallback;
	}
	return cls;
}

/* A message of the library: UTF-8, but it may quote a file name that is
 * not, so never fail on it. */
static PyObject *message_of(const char *message)
{
	return PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace");
}

static void raise_with(PyObject *cls, const char *message)
{
	PyObject *m = message_of(message);
	if (!m)
		return;
	PyErr_SetObject(cls, m);
	Py_DECREF(m);
}

static void set_error(const char *class_name, PyObject *fallback, const char *message)
{
	PyObject *cls = error_class(class_name, fallback);
	raise_with(cls, message);
	Py_DECREF(cls);
}

/* sons.UsageError("<before><arg><after>"); the parts are UTF-8 (French
 * messages), which PyUnicode_FromFormat() accepts in %s arguments only. */
static void usage_error(const char *before, const char *arg, const char *after)
{
	PyObject *m = PyUnicode_FromFormat("%s%s%s", before, arg, after);
	if (!m)
		return;
	PyObject *cls = error_class("UsageError", PyExc_ValueError);
	PyErr_SetObject(cls, m);
	Py_DECREF(cls);
	Py_DECREF(m);
}

/* errno for an I/O failure on @p path: the library gives a status and a
 * sentence, not errno, so ask the file system again what is wrong with
 * it (a missing file, a refused access, a folder…). */
static int errno_of(const char *path)
{
	struct stat sb;
	if (!path || !path[0])
		return EIO;
	if (stat(path, &sb) != 0)
		return errno;
	if (S_ISDIR(sb.st_mode))
		return EISDIR;
	if (S_ISREG(sb.st_mode) && access(path, R_OK) != 0)
		return errno;
	return EIO;
}

/* Raises the Python exception for a failed call:
 *   SONS_EIO          OSError with errno (so FileNotFoundError,
 *                     PermissionError, IsADirectoryError…), the message of
 *                     the library as strerror and the path as filename;
 *   SONS_ENOMEM       MemoryError;
 *   SONS_EINVALID     sons.UsageError or sons.ReferentialError (ValueError);
 *   anything else     sons.Error. */
static void set_exception_from(sons_status st, const sons_error *err, invalid_as inv)
{
	const char *msg =
	        err && err->code == st && err->message[0] ? err->message : sons_status_name(st);
	switch (st) {
	case SONS_EIO: {
		const char *path = err && err->code == st ? err->path : "";
		PyObject *args;
		if (path[0])
			args = Py_BuildValue("(iNO&)", errno_of(path), message_of(msg),
			                     PyUnicode_DecodeFSDefault, path);
		else
			args = Py_BuildValue("(iN)", EIO, message_of(msg));
		if (args) {
			PyErr_SetObject(PyExc_OSError, args);
			Py_DECREF(args);
		}
		return;
	}
	case SONS_ENOMEM:
		raise_with(PyExc_MemoryError, msg);
		return;
	case SONS_EINVALID:
		if (inv == INVALID_REFERENTIAL)
			set_error("ReferentialError", PyExc_ValueError, msg);
		else
			set_error("UsageError", PyExc_ValueError, msg);
		return;
	case SONS_OK:
	case SONS_EFORMAT:
	case SONS_EUNSUPPORTED:
	case SONS_ELIMIT:
		break;
	}
	set_error("Error", PyExc_RuntimeError, msg);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

/* Text from the library (UTF-8; bytes from a document are repaired rather
 * than refused), or None for NULL. */
static PyObject *text_or_none(const char *s)
{
	if (!s)
		Py_RETURN_NONE;
	return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

/* An absent location part (0 or NULL / "") is None. */
static PyObject *int_or_none(int v)
{
	if (v <= 0)
		Py_RETURN_NONE;
	return PyLong_FromLong(v);
}

static PyObject *nonempty_or_none(const char *s)
{
	if (!s || !s[0])
		Py_RETURN_NONE;
	return text_or_none(s);
}

/* ------------------------------------------------------------------ */
/* Report: one sons_report, immutable                                   */

typedef struct {
	PyObject ob_base;
	sons_report *report;
	sons_status status; /* what the check returned */
	PyObject *error;    /* its message (str), or None when SONS_OK */
} ReportObject;

static PyTypeObject Report_Type;

static void Report_dealloc(ReportObject *self)
{
	sons_report_free(self->report);
	Py_XDECREF(self->error);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Takes ownership of @p report. */
static PyObject *Report_wrap(sons_report *report, sons_status st, const sons_error *err)
{
	ReportObject *self = PyObject_New(ReportObject, &Report_Type);
	if (!self) {
		sons_report_free(report);
		return NULL;
	}
	self->report = report;
	self->status = st;
	if (st == SONS_OK) {
		Py_INCREF(Py_None);
		self->error = Py_None;
	} else {
		self->error = text_or_none(err->message[0] ? err->message : sons_status_name(st));
		if (!self->error) {
			Py_DECREF(self);
			return NULL;
		}
	}
	return (PyObject *)self;
}

static PyObject *Report_get_path(ReportObject *self, void *closure)
{
	return PyUnicode_DecodeFSDefault(sons_report_path(self->report));
}

static PyObject *Report_get_kind(ReportObject *self, void *closure)
{
	return PyUnicode_FromString(sons_kind_name(sons_report_kind(self->report)));
}

static PyObject *Report_get_verdict(ReportObject *self, void *closure)
{
	return PyUnicode_FromString(sons_verdict_name(sons_report_verdict(self->report)));
}

static PyObject *Report_get_status(ReportObject *self, void *closure)
{
	return PyUnicode_FromString(sons_status_name(self->status));
}

static PyObject *Report_get_error(ReportObject *self, void *closure)
{
	Py_INCREF(self->error);
	return self->error;
}

/* The paths of the other documents of a cross-document finding. */
static PyObject *related_tuple(const sons_finding *f)
{
	PyObject *t = PyTuple_New((Py_ssize_t)f->nrelated);
	for (size_t i = 0; t && i < f->nrelated; i++) {
		PyObject *s = PyUnicode_DecodeFSDefault(f->related[i]);
		if (!s) {
			Py_DECREF(t);
			return NULL;
		}
		PyTuple_SET_ITEM(t, (Py_ssize_t)i, s);
	}
	return t;
}

/* (rule, severity, message, evidence,
 *  (page, sheet, cell, line, table, row, column), related) */
static PyObject *finding_tuple(const sons_finding *f)
{
	const sons_location *l = &f->location;
	return Py_BuildValue("(NsNN(NNNNNNN)N)", text_or_none(f->rule),
	                     sons_severity_name(f->severity), text_or_none(f->message),
	                     text_or_none(f->evidence), int_or_none(l->page),
	                     nonempty_or_none(l->sheet), nonempty_or_none(l->cell),
	                     int_or_none(l->line), int_or_none(l->table), int_or_none(l->row),
	                     int_or_none(l->column), related_tuple(f));
}

static PyObject *Report_get_findings(ReportObject *self, void *closure)
{
	size_t n = sons_report_finding_count(self->report);
	PyObject *list = PyList_New((Py_ssize_t)n);
	if (!list)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const sons_finding *f = sons_report_finding(self->report, i);
		PyObject *t = f ? finding_tuple(f) : NULL;
		if (!t) {
			if (!PyErr_Occurred())
				PyErr_SetString(PyExc_RuntimeError, "finding out of range");
			Py_DECREF(list);
			return NULL;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)i, t);
	}
	return list;
}

static PyGetSetDef Report_getset[] = {
	{ "path", (getter)Report_get_path, NULL, "the path or name, as given", NULL },
	{ "kind", (getter)Report_get_kind, NULL, "devis, bdc, mom, va or unknown", NULL },
	{ "verdict", (getter)Report_get_verdict, NULL, "conforme, non-conforme or indetermine",
	  NULL },
	{ "status", (getter)Report_get_status, NULL, "status of the check: ok, io, format…", NULL },
	{ "error", (getter)Report_get_error, NULL, "why the document could not be read, or None",
	  NULL },
	{ "findings", (getter)Report_get_findings, NULL, "list of finding tuples", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static PyTypeObject Report_Type = {
	PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sons._sons.Report",
	.tp_basicsize = sizeof(ReportObject),
	.tp_dealloc = (destructor)Report_dealloc,
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_doc = "One checked document (made by Context.check_file / check_memory).",
	.tp_getset = Report_getset,
};

/* ------------------------------------------------------------------ */
/* Context: one sons_context, one thread at a time                      */

typedef struct {
	PyObject ob_base;
	sons_context *ctx;
	int busy; /* a call runs without the GIL; read and set with the GIL held */
} ContextObject;

static PyTypeObject Context_Type;

static int parse_lang(const char *s, sons_lang *out)
{
	if (strcmp(s, "fr") == 0)
		*out = SONS_LANG_FR;
	else if (strcmp(s, "en") == 0)
		*out = SONS_LANG_EN;
	else
		return -1;
	return 0;
}

static PyObject *Context_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = { "lang", NULL };
	const char *lang_s = "fr";
	sons_lang lang;
	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|s:Context", kwlist, &lang_s))
		return NULL;
	if (parse_lang(lang_s, &lang) != 0) {
		usage_error("unknown language '", lang_s, "' (expected fr or en)");
		return NULL;
	}
	ContextObject *self = (ContextObject *)type->tp_alloc(type, 0);
	if (!self)
		return NULL;
	sons_error err;
	memset(&err, 0, sizeof(err));
	sons_status st = sons_context_new(&self->ctx, &err);
	if (st != SONS_OK) {
		set_exception_from(st, &err, INVALID_USAGE);
		Py_DECREF(self);
		return NULL;
	}
	sons_context_set_lang(self->ctx, lang);
	return (PyObject *)self;
}

static void Context_dealloc(ContextObject *self)
{
	sons_context_free(self->ctx);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Marks the context busy for a call made without the GIL. */
static int Context_acquire(ContextObject *self)
{
	if (self->busy) {
		PyErr_SetString(
		        PyExc_RuntimeError,
		        "this sons context is in use by another thread (use one per thread)");
		return -1;
	}
	self->busy = 1;
	return 0;
}

static void Context_release(ContextObject *self)
{
	self->busy = 0;
}

static PyObject *Context_get_lang(ContextObject *self, void *closure)
{
	return PyUnicode_FromString(sons_context_lang(self->ctx) == SONS_LANG_EN ? "en" : "fr");
}

static PyObject *Context_get_referential_id(ContextObject *self, void *closure)
{
	return text_or_none(sons_context_referential_id(self->ctx));
}

static PyObject *Context_load_referential(ContextObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = { "path", NULL };
	PyObject *path = NULL; /* bytes, from PyUnicode_FSConverter */
	if (!PyArg_ParseTupleAndKeywords(args, kwds, "O&:load_referential", kwlist,
	                                 PyUnicode_FSConverter, &path))
		return NULL;
	if (Context_acquire(self) != 0) {
		Py_DECREF(path);
		return NULL;
	}
	sons_error err;
	memset(&err, 0, sizeof(err));
	sons_status st;
	const char *p = PyBytes_AS_STRING(path);
	Py_BEGIN_ALLOW_THREADS
	st = sons_context_load_referential(self->ctx, p, &err);
	Py_END_ALLOW_THREADS
	Context_release(self);
	Py_DECREF(path);
	if (st != SONS_OK) {
		set_exception_from(st, &err, INVALID_REFERENTIAL);
		return NULL;
	}
	Py_RETURN_NONE;
}

/* Fills @p o from the Python arguments kind (str or None) and today
 * (str or None); @p today_keep keeps today's bytes alive (may stay NULL). */
static int check_options(ContextObject *self, sons_check_options *o, PyObject *kind,
                         PyObject *today, PyObject **today_keep)
{
	*today_keep = NULL;
	if (kind && kind != Py_None) {
		const char *k = PyUnicode_Check(kind) ? PyUnicode_AsUTF8(kind) : NULL;
		if (!k) {
			if (!PyErr_Occurred())
				PyErr_SetString(PyExc_TypeError, "kind must be a str or None");
			return -1;
		}
		if (sons_kind_parse(&o->kind, k) != SONS_OK) {
			if (sons_context_lang(self->ctx) == SONS_LANG_EN)
				usage_error("unknown document kind: '", k,
				            "' (devis, bdc, mom, va)");
			else
				usage_error("nature de document inconnue : « ", k,
				            " » (devis, bdc, mom, va)");
			return -1;
		}
	}
	if (today && today != Py_None) {
		if (!PyUnicode_Check(today)) {
			PyErr_SetString(PyExc_TypeError,
			                "today must be a str (YYYY-MM-DD) or None");
			return -1;
		}
		*today_keep = PyUnicode_AsUTF8String(today);
		if (!*today_keep)
			return -1;
		o->today = PyBytes_AS_STRING(*today_keep);
	}
	return 0;
}

/* check_file(path, kind=None, today=None, strict=True) -> Report
 * strict: an I/O error (SONS_EIO) raises OSError instead of giving the
 * indetermine report the library makes for it. */
static PyObject *Context_check_file(ContextObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = { "path", "kind", "today", "strict", NULL };
	PyObject *path = NULL, *kind = Py_None, *today = Py_None, *today_keep = NULL;
	int strict = 1;
	if (!PyArg_ParseTupleAndKeywords(args, kwds, "O&|OOp:check_file", kwlist,
	                                 PyUnicode_FSConverter, &path, &kind, &today, &strict))
		return NULL;
	sons_check_options o = SONS_CHECK_OPTIONS_INIT;
	if (check_options(self, &o, kind, today, &today_keep) != 0 || Context_acquire(self) != 0) {
		Py_DECREF(path);
		Py_XDECREF(today_keep);
		return NULL;
	}
	sons_report *rep = NULL;
	sons_error err;
	memset(&err, 0, sizeof(err));
	sons_status st;
	const char *p = PyBytes_AS_STRING(path);
	Py_BEGIN_ALLOW_THREADS
	st = sons_check_file(&rep, self->ctx, p, &o, &err);
	Py_END_ALLOW_THREADS
	Context_release(self);
	Py_DECREF(path);
	Py_XDECREF(today_keep);
	if (!rep || (strict && st == SONS_EIO)) {
		sons_report_free(rep);
		set_exception_from(st == SONS_OK ? SONS_ENOMEM : st, &err, INVALID_USAGE);
		return NULL;
	}
	return Report_wrap(rep, st, &err);
}

/* check_memory(data, name, kind=None, today=None) -> Report */
static PyObject *Context_check_memory(ContextObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = { "data", "name", "kind", "today", NULL };
	Py_buffer data;
	PyObject *name = NULL, *kind = Py_None, *today = Py_None, *today_keep = NULL;
	if (!PyArg_ParseTupleAndKeywords(args, kwds, "y*O&|OO:check_memory", kwlist, &data,
	                                 PyUnicode_FSConverter, &name, &kind, &today))
		return NULL;
	sons_check_options o = SONS_CHECK_OPTIONS_INIT;
	if (check_options(self, &o, kind, today, &today_keep) != 0 || Context_acquire(self) != 0) {
		PyBuffer_Release(&data);
		Py_DECREF(name);
		Py_XDECREF(today_keep);
		return NULL;
	}
	sons_report *rep = NULL;
	sons_error err;
	memset(&err, 0, sizeof(err));
	sons_status st;
	const char *n = PyBytes_AS_STRING(name);
	/* The buffer stays exported (a bytearray cannot be resized) until
	 * PyBuffer_Release(), so it may be read without the GIL. */
	Py_BEGIN_ALLOW_THREADS
	st = sons_check_memory(&rep, self->ctx, data.buf, (size_t)data.len, n, &o, &err);
	Py_END_ALLOW_THREADS
	Context_release(self);
	PyBuffer_Release(&data);
	Py_DECREF(name);
	Py_XDECREF(today_keep);
	if (!rep) {
		set_exception_from(st == SONS_OK ? SONS_ENOMEM : st, &err, INVALID_USAGE);
		return NULL;
	}
	return Report_wrap(rep, st, &err);
}

/* cross(reports, audit=False): the rules across documents, added to the
 * reports in place (sons_check_dossier, or sons_check_audit). */
static PyObject *Context_cross(ContextObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = { "reports", "audit", NULL };
	PyObject *seq_in = NULL;
	int audit = 0;
	if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|p:cross", kwlist, &seq_in, &audit))
		return NULL;
	PyObject *seq = PySequence_Fast(seq_in, "cross() expects a sequence of reports");
	if (!seq)
		return NULL;
	Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
	sons_report **reps = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(*reps));
	if (!reps) {
		Py_DECREF(seq);
		return PyErr_NoMemory();
	}
	for (Py_ssize_t i = 0; i < n; i++) {
		PyObject *o = PySequence_Fast_GET_ITEM(seq, i);
		if (!PyObject_TypeCheck(o, &Report_Type)) {
			PyMem_Free(reps);
			Py_DECREF(seq);
			PyErr_SetString(PyExc_TypeError,
			                "cross() expects sons._sons.Report objects");
			return NULL;
		}
		reps[i] = ((ReportObject *)o)->report;
	}
	if (Context_acquire(self) != 0) {
		PyMem_Free(reps);
		Py_DECREF(seq);
		return NULL;
	}
	sons_error err;
	memset(&err, 0, sizeof(err));
	sons_status st;
	/* The report objects stay referenced by seq while the GIL is off. */
	Py_BEGIN_ALLOW_THREADS
	st = audit ? sons_check_audit(self->ctx, reps, (size_t)n, &err)
	           : sons_check_dossier(self->ctx, reps, (size_t)n, &err);
	Py_END_ALLOW_THREADS
	Context_release(self);
	PyMem_Free(reps);
	Py_DECREF(seq);
	if (st != SONS_OK) {
		set_exception_from(st, &err, INVALID_USAGE);
		return NULL;
	}
	Py_RETURN_NONE;
}

static int parse_format(const char *s, sons_format *out)
{
	static const struct {
		const char *name;
		sons_format format;
	} formats[] = {
		{ "text", SONS_FORMAT_TEXT },   { "json", SONS_FORMAT_JSON },
		{ "sarif", SONS_FORMAT_SARIF }, { "junit", SONS_FORMAT_JUNIT },
		{ "csv", SONS_FORMAT_CSV },     { "html", SONS_FORMAT_HTML },
	};
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(s, formats[i].name) == 0) {
			*out = formats[i].format;
			return 0;
		}
	}
	return -1;
}

/* render(reports, format="json", extract=False, color=False) -> str */
static PyObject *Context_render(ContextObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = { "reports", "format", "extract", "color", NULL };
	PyObject *seq_arg;
	const char *format_s = "json";
	int extract = 0, color = 0;
	if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|spp:render", kwlist, &seq_arg, &format_s,
	                                 &extract, &color))
		return NULL;
	sons_render_options ro = SONS_RENDER_OPTIONS_INIT;
	if (parse_format(format_s, &ro.format) != 0) {
		if (sons_context_lang(self->ctx) == SONS_LANG_EN)
			usage_error("unknown output format: '", format_s, "'");
		else
			usage_error("format de sortie inconnu : « ", format_s, " »");
		return NULL;
	}
	ro.extract = extract;
	ro.color = color;
	/* The sequence holds a reference to every Report while the GIL is
	 * released, so none of them can be freed under the renderer. */
	PyObject *seq = PySequence_Fast(seq_arg, "reports must be a sequence of Report");
	if (!seq)
		return NULL;
	Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
	sons_report **reps = PyMem_Calloc(n ? (size_t)n : 1, sizeof(*reps));
	if (!reps) {
		Py_DECREF(seq);
		return PyErr_NoMemory();
	}
	for (Py_ssize_t i = 0; i < n; i++) {
		PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
		if (!PyObject_TypeCheck(item, &Report_Type)) {
			PyErr_SetString(PyExc_TypeError, "reports must be a sequence of Report");
			PyMem_Free(reps);
			Py_DECREF(seq);
			return NULL;
		}
		reps[i] = ((ReportObject *)item)->report;
	}
	if (Context_acquire(self) != 0) {
		PyMem_Free(reps);
		Py_DECREF(seq);
		return NULL;
	}
	char *out = NULL;
	size_t len = 0;
	sons_error err;
	memset(&err, 0, sizeof(err));
	sons_status st;
	Py_BEGIN_ALLOW_THREADS
	st = sons_render(&out, &len, self->ctx, reps, (size_t)n, &ro, &err);
	Py_END_ALLOW_THREADS
	Context_release(self);
	PyMem_Free(reps);
	Py_DECREF(seq);
	if (st != SONS_OK) {
		sons_free(out);
		set_exception_from(st, &err, INVALID_USAGE);
		return NULL;
	}
	PyObject *res = PyUnicode_DecodeUTF8(out, (Py_ssize_t)len, "replace");
	sons_free(out);
	return res;
}

static PyMethodDef Context_methods[] = {
	{ "load_referential", (PyCFunction)(void (*)(void))Context_load_referential,
	  METH_VARARGS | METH_KEYWORDS,
	  "load_referential(path): replace the embedded referential with a JSON file" },
	{ "check_file", (PyCFunction)(void (*)(void))Context_check_file,
	  METH_VARARGS | METH_KEYWORDS,
	  "check_file(path, kind=None, today=None, strict=True) -> Report" },
	{ "check_memory", (PyCFunction)(void (*)(void))Context_check_memory,
	  METH_VARARGS | METH_KEYWORDS,
	  "check_memory(data, name, kind=None, today=None) -> Report" },
	{ "cross", (PyCFunction)(void (*)(void))Context_cross, METH_VARARGS | METH_KEYWORDS,
	  "cross(reports, audit=False): the rules across documents, added in place" },
	{ "render", (PyCFunction)(void (*)(void))Context_render, METH_VARARGS | METH_KEYWORDS,
	  "render(reports, format='json', extract=False, color=False) -> str" },
	{ NULL, NULL, 0, NULL },
};

static PyGetSetDef Context_getset[] = {
	{ "lang", (getter)Context_get_lang, NULL, "language of messages: fr or en", NULL },
	{ "referential_id", (getter)Context_get_referential_id, NULL,
	  "identifier and version of the referential in use", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static PyTypeObject Context_Type = {
	PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sons._sons.Context",
	.tp_basicsize = sizeof(ContextObject),
	.tp_dealloc = (destructor)Context_dealloc,
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_doc = "Context(lang='fr'): language, limits and referential; one per thread.",
	.tp_methods = Context_methods,
	.tp_getset = Context_getset,
	.tp_new = Context_new,
};

/* ------------------------------------------------------------------ */
/* Module                                                               */

/* rules() -> list of (id, family, severity, title_fr, title_en, implemented) */
static PyObject *mod_rules(PyObject *module, PyObject *unused)
{
	size_t n = sons_rule_count();
	PyObject *list = PyList_New((Py_ssize_t)n);
	if (!list)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const sons_rule_info *r = sons_rule_at(i);
		PyObject *t =
		        r ? Py_BuildValue("(NNsNNO)", text_or_none(r->id), text_or_none(r->family),
		                          sons_severity_name(r->severity),
		                          text_or_none(r->title_fr), text_or_none(r->title_en),
		                          r->implemented ? Py_True : Py_False)
		          : NULL;
		if (!t) {
			if (!PyErr_Occurred())
				PyErr_SetString(PyExc_RuntimeError, "rule out of range");
			Py_DECREF(list);
			return NULL;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)i, t);
	}
	return list;
}

static PyMethodDef module_methods[] = {
	{ "rules", mod_rules, METH_NOARGS, "rules() -> list of rule tuples, in ID order" },
	{ NULL, NULL, 0, NULL },
};

static struct PyModuleDef sons_module = {
	PyModuleDef_HEAD_INIT,
	.m_name = "sons._sons",
	.m_doc = "Private extension of the sons package: use `import sons`.",
	.m_size = -1,
	.m_methods = module_methods,
};

/* PyModule_AddObject() steals a reference only on success. */
static int add_object(PyObject *m, const char *name, PyObject *o)
{
	Py_INCREF(o);
	if (PyModule_AddObject(m, name, o) < 0) {
		Py_DECREF(o);
		return -1;
	}
	return 0;
}

PyMODINIT_FUNC PyInit__sons(void)
{
	if (PyType_Ready(&Report_Type) < 0 || PyType_Ready(&Context_Type) < 0)
		return NULL;
	PyObject *m = PyModule_Create(&sons_module);
	if (!m)
		return NULL;
	PyObject *kinds =
	        Py_BuildValue("(sssss)", sons_kind_name(SONS_KIND_UNKNOWN),
	                      sons_kind_name(SONS_KIND_DEVIS), sons_kind_name(SONS_KIND_BDC),
	                      sons_kind_name(SONS_KIND_MOM), sons_kind_name(SONS_KIND_VA));
	int rc = kinds ? add_object(m, "KINDS", kinds) : -1;
	Py_XDECREF(kinds);
	if (rc < 0 || add_object(m, "Context", (PyObject *)&Context_Type) < 0 ||
	    add_object(m, "Report", (PyObject *)&Report_Type) < 0 ||
	    PyModule_AddStringConstant(m, "__version__", sons_version_string()) < 0) {
		Py_DECREF(m);
		return NULL;
	}
	return m;
}
