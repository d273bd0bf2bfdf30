/* micro_hpy: the hand-written C baseline of the micro-benchmarks, written directly against
 * HPy 0.9's universal ABI (no hpy-rs) -- what HPy itself costs per call.
 *
 * It implements the contract in bench/micro/OPERATIONS.md: module functions noargs, onearg,
 * varargs, varkw, new_int, new_tuple, kw4, and the type Obj (methods noargs/onearg/varargs/getv,
 * len(o), o[i], read-only attribute v, a + b). It is written the way an HPy author would:
 * HPyDef_METH / HPyDef_SLOT / HPyDef_MEMBER, HPyArg_ParseKeywords for kw4, the type kept in
 * an HPyGlobal, every handle closed (runs clean under HPY=debug).
 *
 * Build (universal ABI; argparse.c is the HPy helper source that provides HPyArg_ParseKeywords):
 *   HPYD=$(python -c 'import hpy.devel, os; print(os.path.dirname(hpy.devel.__file__))')
 *   gcc -O2 -Wall -Wextra -Wno-cast-function-type -Wno-missing-field-initializers -Werror \
 *       -shared -fPIC -DHPY_ABI_UNIVERSAL -I$HPYD/include \
 *       bench/micro/hpy_c/micro_hpy.c $HPYD/src/runtime/argparse.c -o micro_hpy.hpy0.so
 * (the two -Wno- flags silence warnings raised by HPy's own HPyDef_* / trampoline macros)
 * and load it through hpy.universal._load_bootstrap (a micro_hpy.py stub next to the .so).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "hpy.h"

/* ---------------------------------------------------------------- module functions */

HPyDef_METH(noargs, "noargs", HPyFunc_NOARGS)
static HPy noargs_impl(HPyContext *ctx, HPy self) {
    (void)self;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(onearg, "onearg", HPyFunc_O)
static HPy onearg_impl(HPyContext *ctx, HPy self, HPy arg) {
    (void)self; (void)arg;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(varargs, "varargs", HPyFunc_VARARGS)
static HPy varargs_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs) {
    (void)self; (void)args; (void)nargs;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(varkw, "varkw", HPyFunc_KEYWORDS)
static HPy varkw_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs, HPy kwnames) {
    (void)self; (void)args; (void)nargs; (void)kwnames;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(new_int, "new_int", HPyFunc_NOARGS)
static HPy new_int_impl(HPyContext *ctx, HPy self) {
    (void)self;
    return HPyLong_FromInt64_t(ctx, (int64_t)1 << 40);
}

HPyDef_METH(new_tuple, "new_tuple", HPyFunc_NOARGS)
static HPy new_tuple_impl(HPyContext *ctx, HPy self) {
    (void)self;
    HPy items[2];
    items[0] = HPyLong_FromLong(ctx, 1);
    if (HPy_IsNull(items[0]))
        return HPy_NULL;
    items[1] = HPyLong_FromLong(ctx, 2);
    if (HPy_IsNull(items[1])) {
        HPy_Close(ctx, items[0]);
        return HPy_NULL;
    }
    HPy result = HPyTuple_FromArray(ctx, items, 2);
    HPy_Close(ctx, items[0]);
    HPy_Close(ctx, items[1]);
    return result;
}

/* ANCHOR: kw4 (shown in the guide, guide/src/porting-c-hpy.md) */
static const char *kw4_kwlist[] = {"a", "b", "c", "d", NULL};

/* Slow path, only reached when more than four arguments were passed: HPy 0.9's
 * HPyArg_ParseKeywords checks neither surplus positional arguments nor keywords that are
 * unknown or repeat a positional one, so report those the way CPython does. */
static HPy kw4_too_many(HPyContext *ctx, size_t nargs, HPy kwnames, HPy_ssize_t nkw) {
    char msg[160];
    if (nargs > 4) {
        snprintf(msg, sizeof msg, "kw4() takes 4 positional arguments but %zu were given", nargs);
        HPyErr_SetString(ctx, ctx->h_TypeError, msg);
        return HPy_NULL;
    }
    for (HPy_ssize_t k = 0; k < nkw; k++) {
        HPy h_name = HPy_GetItem_i(ctx, kwnames, k);
        if (HPy_IsNull(h_name))
            return HPy_NULL;
        HPy_ssize_t len;
        const char *name = HPyUnicode_AsUTF8AndSize(ctx, h_name, &len);
        if (name == NULL) {
            HPy_Close(ctx, h_name);
            return HPy_NULL;
        }
        size_t i = 0;
        while (kw4_kwlist[i] != NULL && strcmp(kw4_kwlist[i], name) != 0)
            i++;
        if (kw4_kwlist[i] == NULL || i < nargs) {
            if (kw4_kwlist[i] == NULL)
                snprintf(msg, sizeof msg, "kw4() got an unexpected keyword argument '%.100s'", name);
            else
                snprintf(msg, sizeof msg, "kw4() got multiple values for argument '%s'", name);
            HPy_Close(ctx, h_name);
            HPyErr_SetString(ctx, ctx->h_TypeError, msg);
            return HPy_NULL;
        }
        HPy_Close(ctx, h_name);
    }
    /* unreachable: keyword names are distinct, so more than 4 - nargs of them
     * means at least one is unknown or repeats a positional argument */
    HPyErr_SetString(ctx, ctx->h_TypeError, "kw4() takes 4 arguments");
    return HPy_NULL;
}

HPyDef_METH(kw4, "kw4", HPyFunc_KEYWORDS)
static HPy kw4_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs, HPy kwnames) {
    (void)self;
    HPy_ssize_t nkw = 0;
    if (!HPy_IsNull(kwnames)) {
        nkw = HPy_Length(ctx, kwnames);
        if (nkw < 0)
            return HPy_NULL;
    }
    /* With at most four arguments, a bad keyword always leaves a parameter unfilled,
     * which HPyArg_ParseKeywords reports; more than four needs the check above. */
    if (nargs + (size_t)nkw > 4)
        return kw4_too_many(ctx, nargs, kwnames, nkw);
    long a, b, c, d;
    /* "l" creates no handles, so no HPyTracker is needed (argparse.h: ht may be NULL). */
    if (!HPyArg_ParseKeywords(ctx, NULL, args, nargs, kwnames, "llll:kw4", kw4_kwlist,
                              &a, &b, &c, &d))
        return HPy_NULL;
    return HPyLong_FromLong(ctx, a + b + c + d);
}
/* ANCHOR_END: kw4 */

/* ---------------------------------------------------------------- the type Obj */

/* ANCHOR: obj */
typedef struct {
    long v;
} ObjObject;

HPyType_HELPERS(ObjObject)

static HPyGlobal ObjType;

HPyDef_SLOT(Obj_new, HPy_tp_new)
static HPy Obj_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw) {
    (void)args;
    if (nargs != 0 || (!HPy_IsNull(kw) && HPy_Length(ctx, kw) != 0)) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "Obj() takes no arguments");
        return HPy_NULL;
    }
    ObjObject *self;
    HPy h = HPy_New(ctx, cls, &self);
    if (HPy_IsNull(h))
        return h;
    self->v = 1;
    return h;
}

HPyDef_METH(Obj_noargs, "noargs", HPyFunc_NOARGS)
static HPy Obj_noargs_impl(HPyContext *ctx, HPy self) {
    (void)self;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(Obj_onearg, "onearg", HPyFunc_O)
static HPy Obj_onearg_impl(HPyContext *ctx, HPy self, HPy arg) {
    (void)self; (void)arg;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(Obj_varargs, "varargs", HPyFunc_VARARGS)
static HPy Obj_varargs_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs) {
    (void)self; (void)args; (void)nargs;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(Obj_getv, "getv", HPyFunc_NOARGS)
static HPy Obj_getv_impl(HPyContext *ctx, HPy self) {
    return HPyLong_FromLong(ctx, ObjObject_AsStruct(ctx, self)->v);
}

HPyDef_SLOT(Obj_len, HPy_sq_length)
static HPy_ssize_t Obj_len_impl(HPyContext *ctx, HPy self) {
    (void)ctx; (void)self;
    return 1;
}

HPyDef_SLOT(Obj_item, HPy_sq_item)
static HPy Obj_item_impl(HPyContext *ctx, HPy self, HPy_ssize_t i) {
    (void)self;
    return HPyLong_FromSsize_t(ctx, i);
}

HPyDef_MEMBER(Obj_v, "v", HPyMember_LONG, offsetof(ObjObject, v), .readonly = 1)

HPyDef_SLOT(Obj_add, HPy_nb_add)
static HPy Obj_add_impl(HPyContext *ctx, HPy a, HPy b) {
    HPy type = HPyGlobal_Load(ctx, ObjType);
    if (!HPy_TypeCheck(ctx, a, type) || !HPy_TypeCheck(ctx, b, type)) {
        HPy_Close(ctx, type);
        return HPy_Dup(ctx, ctx->h_NotImplemented);
    }
    long v = ObjObject_AsStruct(ctx, a)->v + ObjObject_AsStruct(ctx, b)->v;
    ObjObject *r;
    HPy h = HPy_New(ctx, type, &r);
    HPy_Close(ctx, type);
    if (HPy_IsNull(h))
        return h;
    r->v = v;
    return h;
}

static HPyDef *Obj_defines[] = {
    &Obj_new, &Obj_noargs, &Obj_onearg, &Obj_varargs, &Obj_getv, &Obj_len, &Obj_item, &Obj_v,
    &Obj_add,
    NULL,
};

static HPyType_Spec Obj_spec = {
    .name = "micro_hpy.Obj",
    .basicsize = sizeof(ObjObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .builtin_shape = SHAPE(ObjObject),
    .defines = Obj_defines,
};

/* ---------------------------------------------------------------- the module */

HPyDef_SLOT(module_exec, HPy_mod_exec)
static int module_exec_impl(HPyContext *ctx, HPy module) {
    HPy type = HPyType_FromSpec(ctx, &Obj_spec, NULL);
    if (HPy_IsNull(type))
        return -1;
    HPyGlobal_Store(ctx, &ObjType, type);
    int result = HPy_SetAttr_s(ctx, module, "Obj", type);
    HPy_Close(ctx, type);
    return result;
}

static HPyDef *module_defines[] = {
    &noargs, &onearg, &varargs, &varkw, &new_int, &new_tuple, &kw4, &module_exec, NULL,
};
static HPyGlobal *module_globals[] = {&ObjType, NULL};

static HPyModuleDef moduledef = {
    .doc = "The hand-written HPy (C) baseline of the micro-benchmarks (OPERATIONS.md).",
    .size = 0,
    .defines = module_defines,
    .globals = module_globals,
};

HPy_MODINIT(micro_hpy, moduledef)
/* ANCHOR_END: obj */
