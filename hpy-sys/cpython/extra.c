// hpy-sys: the context functions HPy 0.9.0's CPython ABI does not define, written over the
// ones it does. hpy-sys's build script compiles this file with HPY_ABI_CPYTHON, beside the
// generated shim.c.
//
// The capsule's keyed accessors: the universal ABI has `ctx_Capsule_Get`/`ctx_Capsule_Set`
// taking an `_HPyCapsule_key` (hpy/hpy.h, universal only), the CPython ABI one function per
// key (hpy/cpython/misc.h). These are HPy's own universal implementations
// (src/runtime/ctx_capsule.c, `#ifndef HPY_ABI_CPYTHON`), key for key.

#include <hpy.h>
#include <stddef.h>

// `_HPyCapsule_key`'s values (hpy.h, universal ABI only).
enum {
    KEY_POINTER = 0,
    KEY_NAME = 1,
    KEY_CONTEXT = 2,
    KEY_DESTRUCTOR = 3,
};

void *HPyRs_ctx_Capsule_Get(HPyContext *ctx, HPy capsule, int key, const char *utf8_name)
{
    switch (key) {
    case KEY_POINTER:
        return HPyCapsule_GetPointer(ctx, capsule, utf8_name);
    case KEY_NAME:
        return (void *)HPyCapsule_GetName(ctx, capsule);
    case KEY_CONTEXT:
        return HPyCapsule_GetContext(ctx, capsule);
    default:
        HPyErr_SetString(ctx, ctx->h_ValueError,
                         "Invalid operation: get HPyCapsule_key_Destructor");
        return NULL;
    }
}

int HPyRs_ctx_Capsule_Set(HPyContext *ctx, HPy capsule, int key, void *value)
{
    switch (key) {
    case KEY_POINTER:
        return HPyCapsule_SetPointer(ctx, capsule, value);
    case KEY_NAME:
        return HPyCapsule_SetName(ctx, capsule, (const char *)value);
    case KEY_CONTEXT:
        return HPyCapsule_SetContext(ctx, capsule, value);
    default:
        return HPyCapsule_SetDestructor(ctx, capsule, (HPyCapsule_Destructor *)value);
    }
}

// `_HPy_HEAD_SIZE(PyObject_HEAD)` (`ctx_type.c`): where a pure HPy type's struct starts,
// which hpy-sys's Rust `ctx_AsStruct_Object` takes to be two pointers.
typedef union {
    unsigned char _m_char[1];
    unsigned short _m_short;
    unsigned int _m_int;
    unsigned long _m_long;
    unsigned long long _m_longlong;
    float _m_float;
    double _m_double;
    long double _m_longdouble;
    void *_m_pointer;
} MaxAlign;
typedef struct {
    PyObject_HEAD
    MaxAlign payload;
} ObjectSpace;
_Static_assert(offsetof(ObjectSpace, payload) == 2 * sizeof(void *), "the payload's offset");

// `PyTupleObject`'s items follow the variable-size header (`cpython_capi::TUPLE_ITEMS_OFFSET`).
_Static_assert(offsetof(PyTupleObject, ob_item) == sizeof(PyVarObject), "a tuple's items");

// The fields of `PyTypeObject` that `cpython_capi::PyTypeObject` declares, where it declares
// them (pointer-sized fields before each; the same from 3.8 to 3.12), and its flags.
#define PTR(n) ((n) * sizeof(void *))
_Static_assert(offsetof(PyTypeObject, tp_basicsize) == PTR(4), "tp_basicsize");
_Static_assert(offsetof(PyTypeObject, tp_dealloc) == PTR(6), "tp_dealloc");
_Static_assert(offsetof(PyTypeObject, tp_flags) == PTR(21), "tp_flags");
_Static_assert(offsetof(PyTypeObject, tp_free) == PTR(40), "tp_free");
_Static_assert(offsetof(PyTypeObject, tp_version_tag) == PTR(48), "tp_version_tag");
_Static_assert(offsetof(PyTypeObject, tp_finalize) == PTR(49), "tp_finalize");
_Static_assert(Py_TPFLAGS_HAVE_GC == (1UL << 14), "Py_TPFLAGS_HAVE_GC");
_Static_assert(_Py_TPFLAGS_HAVE_VECTORCALL == (1UL << 11), "Py_TPFLAGS_HAVE_VECTORCALL");

// `PyListObject` as `cpython_capi::PyListObject` declares it.
_Static_assert(offsetof(PyListObject, ob_item) == sizeof(PyVarObject), "a list's items");

// `PyMethodDef` as `cpython_capi::PyMethodDef` declares it, and the flags it uses.
_Static_assert(offsetof(PyMethodDef, ml_meth) == PTR(1), "ml_meth");
_Static_assert(offsetof(PyMethodDef, ml_flags) == PTR(2), "ml_flags");
_Static_assert(offsetof(PyMethodDef, ml_doc) == PTR(3), "ml_doc");
_Static_assert(sizeof(PyMethodDef) == PTR(4), "PyMethodDef's size");
_Static_assert(METH_VARARGS == 0x0001 && METH_KEYWORDS == 0x0002, "METH_VARARGS, METH_KEYWORDS");
_Static_assert(Py_TPFLAGS_UNICODE_SUBCLASS == (1UL << 28), "Py_TPFLAGS_UNICODE_SUBCLASS");
_Static_assert(Py_TPFLAGS_LIST_SUBCLASS == (1UL << 25), "Py_TPFLAGS_LIST_SUBCLASS");
_Static_assert(Py_TPFLAGS_TUPLE_SUBCLASS == (1UL << 26), "Py_TPFLAGS_TUPLE_SUBCLASS");
_Static_assert(Py_TPFLAGS_DICT_SUBCLASS == (1UL << 29), "Py_TPFLAGS_DICT_SUBCLASS");
