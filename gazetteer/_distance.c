/* The weighted phonetic similarity of gazetteer.distance, compiled.
 *
 * It is the Python code of gazetteer/distance.py (_indel_costs, _dp_py, similarity) done in the
 * same order of floating-point operations, so that it gives the very same doubles: only additions,
 * comparisons, one multiplication and one division, none of which a compiler may fuse or reorder
 * (the build also asks for -ffp-contract=off). tests/gazetteer/test_distance.py checks the results
 * against the original pure-Python implementation.
 *
 * A `Table` holds the cost model of data/phonetic_costs.tsv over its symbols (index 0 stands for
 * every symbol the model does not list):
 *   sub[a][b]    substitution cost (0 for a symbol against itself; 1 when not listed)
 *   indel[a]     insertion/deletion cost (1 when not listed)
 *   after[p][a]  insertion/deletion cost of a right after p (NAN when not listed)
 *   abjad[a]     insertion cost into a name written in an abjad (NAN when not listed)
 *   weight[a]    share of a in a name's length (1 when not listed)
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DENSE 0x3000 /* code points below this map to a symbol index through a dense array */
#define STACK 128    /* forms up to this length need no allocation */

typedef struct {
    PyObject_HEAD
    Py_ssize_t k;          /* symbols + 1 */
    Py_UCS4 *symbols;      /* k - 1 code points */
    unsigned char *dense;  /* code point -> index, for code points < DENSE */
    double *sub, *after;   /* k * k */
    double *indel, *abjad, *weight; /* k */
} Table;

/* One phonetic form, read: its code points, symbol indices, per-symbol insertion/deletion costs
 * and weighted length. Small forms live on the stack. */
typedef struct {
    Py_ssize_t n;
    Py_UCS4 *cp;
    unsigned char *ix;
    double *cost;
    double length;
    Py_UCS4 cp_s[STACK];
    unsigned char ix_s[STACK];
    double cost_s[STACK];
} Form;

static Py_ssize_t symbol_index(const Table *t, Py_UCS4 ch) {
    if (ch < DENSE)
        return t->dense[ch];
    for (Py_ssize_t i = 0; i < t->k - 1; i++)
        if (t->symbols[i] == ch)
            return i + 1;
    return 0;
}

static void form_free(Form *f) {
    if (f->cp != f->cp_s) {
        PyMem_Free(f->cp), PyMem_Free(f->ix), PyMem_Free(f->cost);
    }
}

/* As _indel_costs(pf, abjad_side) in distance.py: the cost of each symbol is its indel cost,
 * lowered by an `after` entry for the symbol before it and, on the abjad side, by its abjad cost;
 * the length adds up min(weight, cost) from left to right. */
static int form_read(const Table *t, PyObject *str, int abjad_side, Form *f) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    f->n = n;
    if (n <= STACK) {
        f->cp = f->cp_s, f->ix = f->ix_s, f->cost = f->cost_s;
    } else {
        f->cp = PyMem_Malloc(n * sizeof(Py_UCS4));
        f->ix = PyMem_Malloc(n);
        f->cost = PyMem_Malloc(n * sizeof(double));
        if (f->cp == NULL || f->ix == NULL || f->cost == NULL) {
            PyMem_Free(f->cp), PyMem_Free(f->ix), PyMem_Free(f->cost);
            f->cp = f->cp_s;
            PyErr_NoMemory();
            return -1;
        }
    }
    int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    const Py_ssize_t k = t->k;
    double length = 0.0;
    Py_ssize_t prev = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        Py_ssize_t a = symbol_index(t, ch);
        double c = t->indel[a];
        if (prev >= 0) {
            double x = t->after[prev * k + a];
            if (!isnan(x) && x < c)
                c = x;
        }
        if (abjad_side && !isnan(t->abjad[a]) && t->abjad[a] < c)
            c = t->abjad[a];
        double w = t->weight[a];
        length += (c < w ? c : w);
        f->cp[i] = ch, f->ix[i] = (unsigned char)a, f->cost[i] = c;
        prev = a; /* an unlisted symbol (index 0) has no `after` entries */
    }
    f->length = length;
    return 0;
}

/* As _dp_py: the weighted edit distance, or inf as soon as a whole row exceeds `limit`.
 * `row_a`, `row_b` hold n + 1 doubles each. */
static double dp(const Table *t, const Form *q, const Form *c, double limit, double *prev, double *cur) {
    const Py_ssize_t n = c->n, k = t->k;
    double total = 0.0;
    prev[0] = 0.0;
    for (Py_ssize_t j = 0; j < n; j++) {
        total += c->cost[j];
        prev[j + 1] = total;
    }
    for (Py_ssize_t i = 0; i < q->n; i++) {
        const double *row = t->sub + q->ix[i] * k;
        const Py_UCS4 qc = q->cp[i];
        const double d = q->cost[i];
        double left = prev[0] + d;
        double low = left;
        cur[0] = left;
        for (Py_ssize_t j = 0; j < n; j++) {
            double s = prev[j] + (c->cp[j] == qc ? 0.0 : row[c->ix[j]]);
            double a = prev[j + 1] + d;
            if (a < s)
                s = a;
            double b = left + c->cost[j];
            if (b < s)
                s = b;
            cur[j + 1] = s;
            left = s;
            if (s < low)
                low = s;
        }
        if (low > limit)
            return INFINITY;
        double *swap = prev;
        prev = cur;
        cur = swap;
    }
    return prev[n];
}

/* The similarity of two read forms, as similarity() in distance.py (empty forms handled by the caller). */
static int similarity_of(const Table *t, const Form *q, const Form *c, double floor, double *out) {
    double norm = q->length > c->length ? q->length : c->length;
    if (norm == 0.0) { /* `if norm` */
        *out = 0.0;
        return 0;
    }
    double limit = floor > 0.0 ? (1.0 - floor) * norm : INFINITY;
    double stack[2 * (STACK + 1)];
    double *buf = stack;
    if (c->n > STACK) {
        buf = PyMem_Malloc(2 * (c->n + 1) * sizeof(double));
        if (buf == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    }
    double dist = dp(t, q, c, limit, buf, buf + c->n + 1);
    if (buf != stack)
        PyMem_Free(buf);
    double sim = 1.0 - dist / norm;
    *out = sim > 0.0 ? sim : 0.0; /* max(0.0, sim) */
    return 0;
}

static PyObject *Table_similarities(Table *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "similarities(query: str, candidates, abjad: bool, floor: float)");
        return NULL;
    }
    int abjad = PyObject_IsTrue(args[2]);
    double floor = PyFloat_AsDouble(args[3]);
    if (abjad < 0 || (floor == -1.0 && PyErr_Occurred()))
        return NULL;
    PyObject *seq = PySequence_Fast(args[1], "candidates must be a sequence of str");
    if (seq == NULL)
        return NULL;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *out = PyList_New(m);
    Form q, c;
    if (out == NULL || form_read(self, args[0], 0, &q) < 0) {
        Py_XDECREF(out);
        Py_DECREF(seq);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < m; i++) {
        if (!PyUnicode_Check(items[i])) {
            PyErr_SetString(PyExc_TypeError, "candidates must be str");
            goto fail;
        }
        double sim = 0.0;
        if (q.n && PyUnicode_GET_LENGTH(items[i])) {
            if (form_read(self, items[i], abjad, &c) < 0)
                goto fail;
            int err = similarity_of(self, &q, &c, floor, &sim);
            form_free(&c);
            if (err < 0)
                goto fail;
        }
        PyObject *value = PyFloat_FromDouble(sim);
        if (value == NULL)
            goto fail;
        PyList_SET_ITEM(out, i, value);
    }
    form_free(&q);
    Py_DECREF(seq);
    return out;
fail:
    form_free(&q);
    Py_DECREF(seq);
    Py_DECREF(out);
    return NULL;
}

static PyObject *Table_distance(Table *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "distance(query: str, candidate: str, abjad: bool, floor: float)");
        return NULL;
    }
    int abjad = PyObject_IsTrue(args[2]);
    double floor = PyFloat_AsDouble(args[3]);
    if (abjad < 0 || (floor == -1.0 && PyErr_Occurred()))
        return NULL;
    Form q, c;
    if (form_read(self, args[0], 0, &q) < 0)
        return NULL;
    if (form_read(self, args[1], abjad, &c) < 0) {
        form_free(&q);
        return NULL;
    }
    double norm = q.length > c.length ? q.length : c.length;
    double limit = floor > 0.0 ? (1.0 - floor) * norm : INFINITY;
    double *buf = PyMem_Malloc(2 * (c.n + 1) * sizeof(double));
    PyObject *result = NULL;
    if (buf == NULL)
        PyErr_NoMemory();
    else
        result = Py_BuildValue("(dd)", dp(self, &q, &c, limit, buf, buf + c.n + 1), norm);
    PyMem_Free(buf);
    form_free(&q);
    form_free(&c);
    return result;
}

static PyObject *Table_indel_costs(Table *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "indel_costs(form: str, abjad_side: bool)");
        return NULL;
    }
    int abjad = PyObject_IsTrue(args[1]);
    if (abjad < 0)
        return NULL;
    Form f;
    if (form_read(self, args[0], abjad, &f) < 0)
        return NULL;
    PyObject *costs = PyTuple_New(f.n);
    for (Py_ssize_t i = 0; costs != NULL && i < f.n; i++) {
        PyObject *value = PyFloat_FromDouble(f.cost[i]);
        if (value == NULL)
            Py_CLEAR(costs);
        else
            PyTuple_SET_ITEM(costs, i, value);
    }
    PyObject *result = costs == NULL ? NULL : Py_BuildValue("(Nd)", costs, f.length);
    form_free(&f);
    return result;
}

static void Table_dealloc(Table *self) {
    PyTypeObject *tp = Py_TYPE(self);
    PyMem_Free(self->symbols), PyMem_Free(self->dense), PyMem_Free(self->sub), PyMem_Free(self->after);
    PyMem_Free(self->indel), PyMem_Free(self->abjad), PyMem_Free(self->weight);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

/* Read `n` floats from a sequence into out (NONE, i.e. None in the sequence, becomes NAN). */
static int read_doubles(PyObject *obj, Py_ssize_t n, double *out, const char *what) {
    PyObject *seq = PySequence_Fast(obj, what);
    if (seq == NULL)
        return -1;
    if (PySequence_Fast_GET_SIZE(seq) != n) {
        PyErr_Format(PyExc_ValueError, "%s: %zd values, expected %zd", what, PySequence_Fast_GET_SIZE(seq), n);
        Py_DECREF(seq);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        out[i] = item == Py_None ? NAN : PyFloat_AsDouble(item);
        if (out[i] == -1.0 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return -1;
        }
    }
    Py_DECREF(seq);
    return 0;
}

/* Table(symbols, sub, indel, after, abjad, weight): one entry per symbol (n of them) for indel,
 * abjad and weight, n * n row-major for sub and after; None where the model lists nothing
 * (after, abjad). Symbols outside `symbols` get the defaults (1; no after, no abjad entry). */
static int Table_init(Table *self, PyObject *args, PyObject *kwds) {
    PyObject *symbols, *sub, *indel, *after, *abjad, *weight;
    static char *kwlist[] = {"symbols", "sub", "indel", "after", "abjad", "weight", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "UOOOOO", kwlist, &symbols, &sub, &indel, &after, &abjad, &weight))
        return -1;
    Py_ssize_t n = PyUnicode_GET_LENGTH(symbols);
    if (n > 254) {
        PyErr_SetString(PyExc_ValueError, "at most 254 symbols");
        return -1;
    }
    Py_ssize_t k = n + 1;
    Py_UCS4 *sym = PyMem_Calloc(k, sizeof(Py_UCS4));
    unsigned char *dense = PyMem_Calloc(DENSE, 1);
    double *m_sub = PyMem_Calloc(k * k, sizeof(double)), *m_after = PyMem_Calloc(k * k, sizeof(double));
    double *v_indel = PyMem_Calloc(k, sizeof(double)), *v_abjad = PyMem_Calloc(k, sizeof(double));
    double *v_weight = PyMem_Calloc(k, sizeof(double));
    double *tmp = PyMem_Calloc(n * n + 1, sizeof(double));
    if (!sym || !dense || !m_sub || !m_after || !v_indel || !v_abjad || !v_weight || !tmp) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        sym[i] = PyUnicode_READ_CHAR(symbols, i);
        if (sym[i] < DENSE)
            dense[sym[i]] = (unsigned char)(i + 1);
    }
    for (Py_ssize_t i = 0; i < k * k; i++)
        m_sub[i] = 1.0, m_after[i] = NAN;
    v_indel[0] = 1.0, v_abjad[0] = NAN, v_weight[0] = 1.0;
    if (read_doubles(sub, n * n, tmp, "sub") < 0)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++)
        for (Py_ssize_t j = 0; j < n; j++)
            m_sub[(i + 1) * k + j + 1] = tmp[i * n + j];
    if (read_doubles(after, n * n, tmp, "after") < 0)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++)
        for (Py_ssize_t j = 0; j < n; j++)
            m_after[(i + 1) * k + j + 1] = tmp[i * n + j];
    if (read_doubles(indel, n, v_indel + 1, "indel") < 0 || read_doubles(abjad, n, v_abjad + 1, "abjad") < 0 ||
        read_doubles(weight, n, v_weight + 1, "weight") < 0)
        goto fail;
    PyMem_Free(tmp);
    PyMem_Free(self->symbols), PyMem_Free(self->dense), PyMem_Free(self->sub), PyMem_Free(self->after);
    PyMem_Free(self->indel), PyMem_Free(self->abjad), PyMem_Free(self->weight);
    self->k = k, self->symbols = sym, self->dense = dense, self->sub = m_sub, self->after = m_after;
    self->indel = v_indel, self->abjad = v_abjad, self->weight = v_weight;
    return 0;
fail:
    PyMem_Free(sym), PyMem_Free(dense), PyMem_Free(m_sub), PyMem_Free(m_after);
    PyMem_Free(v_indel), PyMem_Free(v_abjad), PyMem_Free(v_weight), PyMem_Free(tmp);
    return -1;
}

static PyObject *Table_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    Table *self = (Table *)PyType_GenericNew(type, args, kwds);
    if (self != NULL) {
        self->k = 0;
        self->symbols = NULL, self->dense = NULL, self->sub = NULL, self->after = NULL;
        self->indel = NULL, self->abjad = NULL, self->weight = NULL;
    }
    return (PyObject *)self;
}

static PyMethodDef Table_methods[] = {
    {"similarities", (PyCFunction)(void (*)(void))Table_similarities, METH_FASTCALL,
     "similarities(query, candidates, abjad, floor) -> list of float, as gazetteer.distance.similarity"},
    {"distance", (PyCFunction)(void (*)(void))Table_distance, METH_FASTCALL,
     "distance(query, candidate, abjad, floor) -> (distance or inf, norm)"},
    {"indel_costs", (PyCFunction)(void (*)(void))Table_indel_costs, METH_FASTCALL,
     "indel_costs(form, abjad_side) -> (costs, weighted length)"},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot Table_slots[] = {
    {Py_tp_dealloc, Table_dealloc},
    {Py_tp_init, Table_init},
    {Py_tp_new, Table_new},
    {Py_tp_methods, Table_methods},
    {Py_tp_doc, "Table(symbols, sub, indel, after, abjad, weight): the cost model, ready to score forms."},
    {0, NULL},
};

static PyType_Spec Table_spec = {
    .name = "_gazetteer_distance.Table",
    .basicsize = sizeof(Table),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = Table_slots,
};

static int module_exec(PyObject *module) {
    PyObject *type = PyType_FromSpec(&Table_spec);
    if (type == NULL)
        return -1;
    if (PyModule_AddObject(module, "Table", type) < 0) {
        Py_DECREF(type);
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_gazetteer_distance",
    .m_doc = "The weighted phonetic similarity of gazetteer.distance, compiled (optional: the Python code is the fallback).",
    .m_size = 0,
    .m_slots = module_slots,
};

PyMODINIT_FUNC PyInit__gazetteer_distance(void) { return PyModuleDef_Init(&module_def); }
