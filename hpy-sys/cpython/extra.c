// hpy-sys: the context functions HPy 0.9.0's CPython ABI does not define, written over the
// ones it does. hpy-sys's build script compiles this file with HPY_ABI_CPYTHON, beside the
// generated shim.c.
//
// The capsule's keyed accessors: the universal ABI has `ctx_Capsule_Get`/`ctx_Capsule_Set`
// taking an `_HPyCapsule_key` (hpy/hpy.h, universal only), the CPython ABI one function per
// key (hpy/cpython/misc.h). These are HPy's own universal implementations
// (src/runtime/ctx_capsule.c, `#ifndef HPY_ABI_CPYTHON`), key for key.

#include <hpy.h>

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

// `&PyTuple_GET_ITEM(tuple, 0)` and its size: the arguments of `__init__`/`__new__` as an
// array of handles (hpy/cpython/hpyfunc_trampolines.h, `_HPyFunc_TRAMPOLINE_HPyFunc_INITPROC`).
const HPy *HPyRs_TupleItems(PyObject *tuple, Py_ssize_t *size)
{
    *size = PyTuple_GET_SIZE(tuple);
    return (const HPy *)&PyTuple_GET_ITEM(tuple, 0);
}
