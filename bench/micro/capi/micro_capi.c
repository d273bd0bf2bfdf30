/* micro_capi: the hand-written CPython C-API baseline of the micro-benchmarks -- the
 * "physical limit" that the other variants are measured against.
 *
 * It implements the contract in bench/micro/OPERATIONS.md: module functions noargs, onearg,
 * varargs, varkw, new_int, new_tuple, kw4, and the type Obj (methods noargs/onearg/varargs/getv,
 * len(o), o[i], read-only attribute v, a + b). Written for CPython 3.11, compiles on 3.8-3.12.
 *
 * Two builds of this one file:
 *   - default: module `micro_capi`, the fastest idiomatic calling conventions: METH_NOARGS,
 *     METH_O, METH_FASTCALL (varargs), METH_FASTCALL|METH_KEYWORDS (varkw, kw4). kw4 parses its
 *     kwnames by hand the way Argument Clinic-generated code does, with the error messages of
 *     PyArg_ParseTupleAndKeywords("llll:kw4").
 *   - -DMICRO_VARARGS: module `micro_capi_varargs`, the classic tuple/dict conventions as a
 *     reference: METH_VARARGS (onearg through PyArg_ParseTuple "O:onearg", varargs) and
 *     METH_VARARGS|METH_KEYWORDS (varkw, kw4 through PyArg_ParseTupleAndKeywords). noargs stays
 *     METH_NOARGS.
 *
 * Build:
 *   INC=$(python -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
 *   SUF=$(python -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
 *   gcc -O2 -Wall -Wextra -Werror -shared -fPIC -I$INC \
 *       bench/micro/capi/micro_capi.c -o micro_capi$SUF
 *   gcc -O2 -Wall -Wextra -Werror -shared -fPIC -I$INC -DMICRO_VARARGS \
 *       bench/micro/capi/micro_capi.c -o micro_capi_varargs$SUF
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>
#include "structmember.h"

#ifdef MICRO_VARARGS
#  define MODULE_NAME "micro_capi_varargs"
#  define MODULE_INIT PyInit_micro_capi_varargs
#else
#  define MODULE_NAME "micro_capi"
#  define MODULE_INIT PyInit_micro_capi
#endif

#ifndef MICRO_VARARGS
#  define ONEARG_FLAGS METH_O
#  define VARARGS_FLAGS METH_FASTCALL
#  define VARKW_FLAGS (METH_FASTCALL | METH_KEYWORDS)
#else
#  define ONEARG_FLAGS METH_VARARGS
#  define VARARGS_FLAGS METH_VARARGS
#  define VARKW_FLAGS (METH_VARARGS | METH_KEYWORDS)
#endif

/* METH_FASTCALL functions have a different signature from PyCFunction; going through
 * void (*)(void) keeps -Wcast-function-type quiet (the usual CPython idiom). */
#define FUNC(f) ((PyCFunction)(void (*)(void))(f))

/* ---------------------------------------------------------------- module functions */

static PyObject *
noargs(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    (void)module;
    Py_RETURN_NONE;
}

#ifndef MICRO_VARARGS

static PyObject *
onearg(PyObject *module, PyObject *arg)
{
    (void)module; (void)arg;
    Py_RETURN_NONE;
}

static PyObject *
varargs(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module; (void)args; (void)nargs;
    Py_RETURN_NONE;
}

static PyObject *
varkw(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    (void)module; (void)args; (void)nargs; (void)kwnames;
    Py_RETURN_NONE;
}

/* kw4's parameter names, interned at module init so that the keyword names of ordinary call
 * sites (interned by the compiler) are found by pointer identity. */
static const char *const kw4_kwlist[4] = {"a", "b", "c", "d"};
static PyObject *kw4_names[4];

/* The value passed for the keyword `key`, or NULL: pointer identity first, then string
 * equality (as Argument Clinic's find_keyword). kwnames only ever holds str objects. */
static PyObject *
find_keyword(PyObject *kwnames, PyObject *const *kwstack, PyObject *key)
{
    Py_ssize_t i, n = PyTuple_GET_SIZE(kwnames);
    for (i = 0; i < n; i++) {
        if (PyTuple_GET_ITEM(kwnames, i) == key)
            return kwstack[i];
    }
    for (i = 0; i < n; i++) {
        if (PyUnicode_Compare(PyTuple_GET_ITEM(kwnames, i), key) == 0)
            return kwstack[i];
    }
    return NULL;
}

static PyObject *
kw4(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *argsbuf[4];
    PyObject *const *argv = args;
    long v[4];
    Py_ssize_t i;
    (void)module;

    if (kwnames != NULL || nargs != 4) {
        Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
        if (nargs + nkw > 4) {
            PyErr_Format(PyExc_TypeError,
                         "kw4() takes at most 4 %sarguments (%zd given)",
                         nargs == 0 ? "keyword " : "", nargs + nkw);
            return NULL;
        }
        for (i = 0; i < nargs; i++)
            argsbuf[i] = args[i];
        for (i = nargs; i < 4; i++) {
            PyObject *arg = nkw != 0 ? find_keyword(kwnames, args + nargs, kw4_names[i]) : NULL;
            if (arg == NULL) {
                PyErr_Format(PyExc_TypeError,
                             "kw4() missing required argument '%s' (pos %d)",
                             kw4_kwlist[i], (int)(i + 1));
                return NULL;
            }
            argsbuf[i] = arg;
        }
        /* Each of the 4 - nargs remaining parameters matched a different keyword and
         * nkw <= 4 - nargs, so every keyword was consumed: a keyword that repeats a positional
         * argument or names no parameter always leaves a parameter missing (or exceeds the
         * count) and is reported as such -- exactly what PyArg_ParseTupleAndKeywords("llll")
         * does, so its "given by name and position" / "invalid keyword argument" errors are
         * unreachable for kw4 and need no code here. */
        argv = argsbuf;
    }
    for (i = 0; i < 4; i++) {
#if PY_VERSION_HEX < 0x030A0000
        /* Before 3.10 PyLong_AsLong still accepts a float (through __int__); "l" and the
         * Argument Clinic code of those versions reject it first. */
        if (PyFloat_Check(argv[i])) {
            PyErr_SetString(PyExc_TypeError, "integer argument expected, got float");
            return NULL;
        }
#endif
        v[i] = PyLong_AsLong(argv[i]);
        if (v[i] == -1 && PyErr_Occurred())
            return NULL;
    }
    return PyLong_FromLong(v[0] + v[1] + v[2] + v[3]);
}

#else /* MICRO_VARARGS */

static PyObject *
onearg(PyObject *module, PyObject *args)
{
    PyObject *x;
    (void)module;
    if (!PyArg_ParseTuple(args, "O:onearg", &x))
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
varargs(PyObject *module, PyObject *args)
{
    (void)module; (void)args;
    Py_RETURN_NONE;
}

static PyObject *
varkw(PyObject *module, PyObject *args, PyObject *kwargs)
{
    (void)module; (void)args; (void)kwargs;
    Py_RETURN_NONE;
}

static PyObject *
kw4(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"a", "b", "c", "d", NULL};
    long a, b, c, d;
    (void)module;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "llll:kw4", kwlist, &a, &b, &c, &d))
        return NULL;
    return PyLong_FromLong(a + b + c + d);
}

#endif /* MICRO_VARARGS */

static PyObject *
new_int(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    (void)module;
    return PyLong_FromLongLong(1LL << 40);
}

static PyObject *
new_tuple(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *t, *item;
    (void)module;
    t = PyTuple_New(2);
    if (t == NULL)
        return NULL;
    item = PyLong_FromLong(1);
    if (item == NULL)
        goto error;
    PyTuple_SET_ITEM(t, 0, item);
    item = PyLong_FromLong(2);
    if (item == NULL)
        goto error;
    PyTuple_SET_ITEM(t, 1, item);
    return t;
error:
    Py_DECREF(t);
    return NULL;
}

/* ---------------------------------------------------------------- the type Obj */

typedef struct {
    PyObject_HEAD
    long v;
} ObjObject;

static PyTypeObject ObjType;

/* Obj is final (no Py_TPFLAGS_BASETYPE) and not GC-tracked, so PyObject_New / PyObject_Free
 * are the exact allocator pair for it. */
static PyObject *
Obj_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    ObjObject *self;
    if (PyTuple_GET_SIZE(args) != 0 || (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0)) {
        PyErr_SetString(PyExc_TypeError, "Obj() takes no arguments");
        return NULL;
    }
    self = PyObject_New(ObjObject, type);
    if (self == NULL)
        return NULL;
    self->v = 1;
    return (PyObject *)self;
}

static void
Obj_dealloc(PyObject *self)
{
    Py_TYPE(self)->tp_free(self);
}

#ifndef MICRO_VARARGS

static PyObject *
Obj_onearg(PyObject *self, PyObject *arg)
{
    (void)self; (void)arg;
    Py_RETURN_NONE;
}

static PyObject *
Obj_varargs(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self; (void)args; (void)nargs;
    Py_RETURN_NONE;
}

#else /* MICRO_VARARGS */

static PyObject *
Obj_onearg(PyObject *self, PyObject *args)
{
    PyObject *x;
    (void)self;
    if (!PyArg_ParseTuple(args, "O:onearg", &x))
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
Obj_varargs(PyObject *self, PyObject *args)
{
    (void)self; (void)args;
    Py_RETURN_NONE;
}

#endif /* MICRO_VARARGS */

static PyObject *
Obj_noargs(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    (void)self;
    Py_RETURN_NONE;
}

static PyObject *
Obj_getv(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(((ObjObject *)self)->v);
}

static Py_ssize_t
Obj_length(PyObject *self)
{
    (void)self;
    return 1;
}

static PyObject *
Obj_item(PyObject *self, Py_ssize_t i)
{
    (void)self;
    return PyLong_FromSsize_t(i);
}

static PyObject *
Obj_add(PyObject *a, PyObject *b)
{
    ObjObject *r;
    if (!PyObject_TypeCheck(a, &ObjType) || !PyObject_TypeCheck(b, &ObjType))
        Py_RETURN_NOTIMPLEMENTED;
    r = PyObject_New(ObjObject, &ObjType);
    if (r == NULL)
        return NULL;
    r->v = ((ObjObject *)a)->v + ((ObjObject *)b)->v;
    return (PyObject *)r;
}

static PyMethodDef Obj_methods[] = {
    {"noargs", Obj_noargs, METH_NOARGS, NULL},
    {"onearg", FUNC(Obj_onearg), ONEARG_FLAGS, NULL},
    {"varargs", FUNC(Obj_varargs), VARARGS_FLAGS, NULL},
    {"getv", Obj_getv, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef Obj_members[] = {
    {"v", T_LONG, offsetof(ObjObject, v), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PySequenceMethods Obj_as_sequence = {
    .sq_length = Obj_length,
    .sq_item = Obj_item,
};

static PyNumberMethods Obj_as_number = {
    .nb_add = Obj_add,
};

static PyTypeObject ObjType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = MODULE_NAME ".Obj",
    .tp_basicsize = sizeof(ObjObject),
    .tp_itemsize = 0,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "An object holding one C long, v = 1.",
    .tp_new = Obj_new,
    .tp_dealloc = Obj_dealloc,
    .tp_free = PyObject_Free,
    .tp_methods = Obj_methods,
    .tp_members = Obj_members,
    .tp_as_sequence = &Obj_as_sequence,
    .tp_as_number = &Obj_as_number,
};

/* ---------------------------------------------------------------- the module */

static PyMethodDef module_methods[] = {
    {"noargs", noargs, METH_NOARGS, NULL},
    {"onearg", FUNC(onearg), ONEARG_FLAGS, NULL},
    {"varargs", FUNC(varargs), VARARGS_FLAGS, NULL},
    {"varkw", FUNC(varkw), VARKW_FLAGS, NULL},
    {"new_int", new_int, METH_NOARGS, NULL},
    {"new_tuple", new_tuple, METH_NOARGS, NULL},
    {"kw4", FUNC(kw4), VARKW_FLAGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = MODULE_NAME,
    .m_doc = "The CPython C-API baseline of the micro-benchmarks (OPERATIONS.md).",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
MODULE_INIT(void)
{
    PyObject *m;
#ifndef MICRO_VARARGS
    int i;
    for (i = 0; i < 4; i++) {
        if (kw4_names[i] == NULL) {
            kw4_names[i] = PyUnicode_InternFromString(kw4_kwlist[i]);
            if (kw4_names[i] == NULL)
                return NULL;
        }
    }
#endif
    if (PyType_Ready(&ObjType) < 0)
        return NULL;
    m = PyModule_Create(&moduledef);
    if (m == NULL)
        return NULL;
    Py_INCREF(&ObjType);
    if (PyModule_AddObject(m, "Obj", (PyObject *)&ObjType) < 0) {
        Py_DECREF(&ObjType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
