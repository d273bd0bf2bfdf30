/* capi_array: the benchmark's baseline — the same 1-D float64 array as picoarray, written
 * directly against the CPython C-API (no HPy), with the same storage (a heap buffer of
 * doubles and a length). It implements what the board benchmark uses, with the checks a
 * correct extension needs: construction from a list/tuple/iterable, len, a[i], a[i:j],
 * tolist, + - * / with arrays or numbers on either side, unary -, and in-place + - * /. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    double *data;
    Py_ssize_t size;
} Array;

static PyTypeObject ArrayType;

#define Array_Check(op) PyObject_TypeCheck(op, &ArrayType)

static Array *array_alloc(Py_ssize_t size) {
    Array *self = PyObject_New(Array, &ArrayType);
    if (self == NULL)
        return NULL;
    self->size = size;
    self->data = PyMem_Malloc((size > 0 ? size : 1) * sizeof(double));
    if (self->data == NULL) {
        Py_DECREF(self);
        PyErr_NoMemory();
        return NULL;
    }
    return self;
}

static int fill_from(Array *self, PyObject *iterable) {
    PyObject *seq = PySequence_Fast(iterable, "array() needs an iterable of numbers");
    if (seq == NULL)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    double *data = PyMem_Malloc((n > 0 ? n : 1) * sizeof(double));
    if (data == NULL) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        data[i] = PyFloat_AsDouble(items[i]);
        if (data[i] == -1.0 && PyErr_Occurred()) {
            PyMem_Free(data);
            Py_DECREF(seq);
            return -1;
        }
    }
    Py_DECREF(seq);
    self->data = data;
    self->size = n;
    return 0;
}

static PyObject *array_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    PyObject *iterable;
    static char *kwlist[] = {"data", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:array", kwlist, &iterable))
        return NULL;
    Array *self = (Array *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->data = NULL;
    self->size = 0;
    if (fill_from(self, iterable) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static void array_dealloc(Array *self) {
    PyMem_Free(self->data);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static Py_ssize_t array_length(Array *self) { return self->size; }

static PyObject *array_item(Array *self, Py_ssize_t i) {
    if (i < 0 || i >= self->size) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
    return PyFloat_FromDouble(self->data[i]);
}

static PyObject *array_subscript(Array *self, PyObject *key) {
    if (PyIndex_Check(key)) {
        Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred())
            return NULL;
        if (i < 0)
            i += self->size;
        return array_item(self, i);
    }
    if (PySlice_Check(key)) {
        Py_ssize_t start, stop, step;
        if (PySlice_Unpack(key, &start, &stop, &step) < 0)
            return NULL;
        Py_ssize_t n = PySlice_AdjustIndices(self->size, &start, &stop, step);
        Array *result = array_alloc(n);
        if (result == NULL)
            return NULL;
        for (Py_ssize_t k = 0; k < n; k++)
            result->data[k] = self->data[start + k * step];
        return (PyObject *)result;
    }
    PyErr_Format(PyExc_TypeError, "array indices must be integers or slices, not %.200s",
                 Py_TYPE(key)->tp_name);
    return NULL;
}

static PyObject *array_tolist(Array *self, PyObject *unused) {
    PyObject *list = PyList_New(self->size);
    if (list == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < self->size; i++) {
        PyObject *item = PyFloat_FromDouble(self->data[i]);
        if (item == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, item);
    }
    return list;
}

static PyObject *array_size(Array *self, void *closure) { return PyLong_FromSsize_t(self->size); }

enum op { ADD, SUB, MUL, DIV };

static inline double apply(enum op op, double x, double y) {
    switch (op) {
    case ADD: return x + y;
    case SUB: return x - y;
    case MUL: return x * y;
    default: return x / y;
    }
}

/* a <op> b for arrays and numbers; NotImplemented for anything else. */
static PyObject *binary(PyObject *a, PyObject *b, enum op op) {
    if (Array_Check(a) && Array_Check(b)) {
        Array *x = (Array *)a, *y = (Array *)b;
        if (x->size != y->size) {
            PyErr_Format(PyExc_ValueError,
                         "operands could not be broadcast together with shapes (%zd,) (%zd,) ",
                         x->size, y->size);
            return NULL;
        }
        Array *r = array_alloc(x->size);
        if (r == NULL)
            return NULL;
        for (Py_ssize_t i = 0; i < x->size; i++)
            r->data[i] = apply(op, x->data[i], y->data[i]);
        return (PyObject *)r;
    }
    int reflected = !Array_Check(a);
    Array *arr = (Array *)(reflected ? b : a);
    PyObject *number = reflected ? a : b;
    double s = PyFloat_AsDouble(number);
    if (s == -1.0 && PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_TypeError))
            return NULL;
        PyErr_Clear();
        Py_RETURN_NOTIMPLEMENTED;
    }
    Array *r = array_alloc(arr->size);
    if (r == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < arr->size; i++)
        r->data[i] = reflected ? apply(op, s, arr->data[i]) : apply(op, arr->data[i], s);
    return (PyObject *)r;
}

static PyObject *inplace(PyObject *a, PyObject *b, enum op op) {
    Array *x = (Array *)a;
    if (Array_Check(b)) {
        Array *y = (Array *)b;
        if (x->size != y->size) {
            PyErr_Format(PyExc_ValueError,
                         "operands could not be broadcast together with shapes (%zd,) (%zd,) ",
                         x->size, y->size);
            return NULL;
        }
        for (Py_ssize_t i = 0; i < x->size; i++)
            x->data[i] = apply(op, x->data[i], y->data[i]);
    } else {
        double s = PyFloat_AsDouble(b);
        if (s == -1.0 && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_TypeError))
                return NULL;
            PyErr_Clear();
            Py_RETURN_NOTIMPLEMENTED;
        }
        for (Py_ssize_t i = 0; i < x->size; i++)
            x->data[i] = apply(op, x->data[i], s);
    }
    Py_INCREF(a);
    return a;
}

static PyObject *nb_add(PyObject *a, PyObject *b) { return binary(a, b, ADD); }
static PyObject *nb_sub(PyObject *a, PyObject *b) { return binary(a, b, SUB); }
static PyObject *nb_mul(PyObject *a, PyObject *b) { return binary(a, b, MUL); }
static PyObject *nb_div(PyObject *a, PyObject *b) { return binary(a, b, DIV); }
static PyObject *nb_iadd(PyObject *a, PyObject *b) { return inplace(a, b, ADD); }
static PyObject *nb_isub(PyObject *a, PyObject *b) { return inplace(a, b, SUB); }
static PyObject *nb_imul(PyObject *a, PyObject *b) { return inplace(a, b, MUL); }
static PyObject *nb_idiv(PyObject *a, PyObject *b) { return inplace(a, b, DIV); }

static PyObject *nb_neg(Array *self) {
    Array *r = array_alloc(self->size);
    if (r == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < self->size; i++)
        r->data[i] = -self->data[i];
    return (PyObject *)r;
}

static PyMethodDef array_methods[] = {
    {"tolist", (PyCFunction)array_tolist, METH_NOARGS, "The elements, as a list."},
    {NULL},
};

static PyGetSetDef array_getset[] = {
    {"size", (getter)array_size, NULL, "The number of elements.", NULL},
    {NULL},
};

static PyNumberMethods array_number = {
    .nb_add = nb_add, .nb_subtract = nb_sub, .nb_multiply = nb_mul, .nb_true_divide = nb_div,
    .nb_inplace_add = nb_iadd, .nb_inplace_subtract = nb_isub,
    .nb_inplace_multiply = nb_imul, .nb_inplace_true_divide = nb_idiv,
    .nb_negative = (unaryfunc)nb_neg,
};

static PySequenceMethods array_sequence = {
    .sq_length = (lenfunc)array_length,
    .sq_item = (ssizeargfunc)array_item,
};

static PyMappingMethods array_mapping = {
    .mp_length = (lenfunc)array_length,
    .mp_subscript = (binaryfunc)array_subscript,
};

static PyTypeObject ArrayType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "capi_array.array",
    .tp_doc = "A 1-D float64 array (CPython C-API baseline).",
    .tp_basicsize = sizeof(Array),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = array_new,
    .tp_dealloc = (destructor)array_dealloc,
    .tp_methods = array_methods,
    .tp_getset = array_getset,
    .tp_as_number = &array_number,
    .tp_as_sequence = &array_sequence,
    .tp_as_mapping = &array_mapping,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "capi_array", "The C-API baseline of the picoarray benchmark.", -1,
};

PyMODINIT_FUNC PyInit_capi_array(void) {
    if (PyType_Ready(&ArrayType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&ArrayType);
    if (PyModule_AddObject(m, "array", (PyObject *)&ArrayType) < 0) {
        Py_DECREF(&ArrayType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
