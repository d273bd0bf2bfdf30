/* hpy_array: the same 1-D float64 array as capi_array.c, hand-written against HPy's
 * universal ABI in C — what HPy itself costs, without hpy-rs. Same API subset and storage. */
#include <stdlib.h>
#include "hpy.h"

typedef struct {
    double *data;
    HPy_ssize_t size;
} ArrayObject;

HPyType_HELPERS(ArrayObject)

static HPyGlobal ArrayType;

static int is_array(HPyContext *ctx, HPy obj) {
    HPy type = HPyGlobal_Load(ctx, ArrayType);
    int result = HPy_TypeCheck(ctx, obj, type);
    HPy_Close(ctx, type);
    return result;
}

static HPy array_alloc(HPyContext *ctx, HPy_ssize_t size, ArrayObject **out) {
    HPy type = HPyGlobal_Load(ctx, ArrayType);
    HPy h = HPy_New(ctx, type, out);
    HPy_Close(ctx, type);
    if (HPy_IsNull(h))
        return h;
    (*out)->size = size;
    (*out)->data = malloc((size > 0 ? size : 1) * sizeof(double));
    if ((*out)->data == NULL) {
        HPy_Close(ctx, h);
        return HPyErr_NoMemory(ctx);
    }
    return h;
}

HPyDef_SLOT(Array_destroy, HPy_tp_destroy)
static void Array_destroy_impl(void *obj) {
    free(((ArrayObject *)obj)->data);
}

HPyDef_SLOT(Array_new, HPy_tp_new)
static HPy Array_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw) {
    if (nargs != 1) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "array() takes exactly one argument");
        return HPy_NULL;
    }
    HPy_ssize_t n = HPy_Length(ctx, args[0]);
    if (n < 0)
        return HPy_NULL;
    ArrayObject *self;
    HPy h = HPy_New(ctx, cls, &self);
    if (HPy_IsNull(h))
        return h;
    self->size = n;
    self->data = malloc((n > 0 ? n : 1) * sizeof(double));
    for (HPy_ssize_t i = 0; i < n; i++) {
        HPy item = HPy_GetItem_i(ctx, args[0], i);
        if (HPy_IsNull(item)) {
            HPy_Close(ctx, h);
            return HPy_NULL;
        }
        self->data[i] = HPyFloat_AsDouble(ctx, item);
        HPy_Close(ctx, item);
        if (self->data[i] == -1.0 && HPyErr_Occurred(ctx)) {
            HPy_Close(ctx, h);
            return HPy_NULL;
        }
    }
    return h;
}

HPyDef_SLOT(Array_length, HPy_mp_length)
static HPy_ssize_t Array_length_impl(HPyContext *ctx, HPy self) {
    return ArrayObject_AsStruct(ctx, self)->size;
}

HPyDef_SLOT(Array_sq_length, HPy_sq_length)
static HPy_ssize_t Array_sq_length_impl(HPyContext *ctx, HPy self) {
    return ArrayObject_AsStruct(ctx, self)->size;
}

HPyDef_SLOT(Array_subscript, HPy_mp_subscript)
static HPy Array_subscript_impl(HPyContext *ctx, HPy self, HPy key) {
    ArrayObject *a = ArrayObject_AsStruct(ctx, self);
    HPy_ssize_t i = HPyLong_AsSsize_t(ctx, key);
    if (i == -1 && HPyErr_Occurred(ctx)) {
        HPyErr_Clear(ctx);
        HPy_ssize_t start, stop, step;
        if (!HPy_TypeCheck(ctx, key, ctx->h_SliceType)) {
            HPyErr_SetString(ctx, ctx->h_TypeError, "array indices must be integers or slices");
            return HPy_NULL;
        }
        if (HPySlice_Unpack(ctx, key, &start, &stop, &step) < 0)
            return HPy_NULL;
        HPy_ssize_t n = HPySlice_AdjustIndices(ctx, a->size, &start, &stop, step);
        ArrayObject *r;
        HPy h = array_alloc(ctx, n, &r);
        if (HPy_IsNull(h))
            return h;
        for (HPy_ssize_t k = 0; k < n; k++)
            r->data[k] = a->data[start + k * step];
        return h;
    }
    if (i < 0)
        i += a->size;
    if (i < 0 || i >= a->size) {
        HPyErr_SetString(ctx, ctx->h_IndexError, "index out of range");
        return HPy_NULL;
    }
    return HPyFloat_FromDouble(ctx, a->data[i]);
}

HPyDef_SLOT(Array_item, HPy_sq_item)
static HPy Array_item_impl(HPyContext *ctx, HPy self, HPy_ssize_t i) {
    ArrayObject *a = ArrayObject_AsStruct(ctx, self);
    if (i < 0 || i >= a->size) {
        HPyErr_SetString(ctx, ctx->h_IndexError, "index out of range");
        return HPy_NULL;
    }
    return HPyFloat_FromDouble(ctx, a->data[i]);
}

HPyDef_METH(Array_tolist, "tolist", HPyFunc_NOARGS)
static HPy Array_tolist_impl(HPyContext *ctx, HPy self) {
    ArrayObject *a = ArrayObject_AsStruct(ctx, self);
    HPyListBuilder builder = HPyListBuilder_New(ctx, a->size);
    for (HPy_ssize_t i = 0; i < a->size; i++) {
        HPy item = HPyFloat_FromDouble(ctx, a->data[i]);
        HPyListBuilder_Set(ctx, builder, i, item);
        HPy_Close(ctx, item);
    }
    return HPyListBuilder_Build(ctx, builder);
}

HPyDef_GET(Array_size, "size")
static HPy Array_size_get(HPyContext *ctx, HPy self, void *closure) {
    return HPyLong_FromSsize_t(ctx, ArrayObject_AsStruct(ctx, self)->size);
}

enum op { ADD, SUB, MUL, DIV };

static inline double apply(enum op op, double x, double y) {
    switch (op) {
    case ADD: return x + y;
    case SUB: return x - y;
    case MUL: return x * y;
    default: return x / y;
    }
}

static HPy binary(HPyContext *ctx, HPy a, HPy b, enum op op) {
    int a_is = is_array(ctx, a), b_is = is_array(ctx, b);
    if (a_is && b_is) {
        ArrayObject *x = ArrayObject_AsStruct(ctx, a), *y = ArrayObject_AsStruct(ctx, b);
        if (x->size != y->size) {
            HPyErr_SetString(ctx, ctx->h_ValueError, "operands could not be broadcast together");
            return HPy_NULL;
        }
        ArrayObject *r;
        HPy h = array_alloc(ctx, x->size, &r);
        if (HPy_IsNull(h))
            return h;
        for (HPy_ssize_t i = 0; i < x->size; i++)
            r->data[i] = apply(op, x->data[i], y->data[i]);
        return h;
    }
    HPy arr = a_is ? a : b, number = a_is ? b : a;
    double s = HPyFloat_AsDouble(ctx, number);
    if (s == -1.0 && HPyErr_Occurred(ctx)) {
        if (!HPyErr_ExceptionMatches(ctx, ctx->h_TypeError))
            return HPy_NULL;
        HPyErr_Clear(ctx);
        return HPy_Dup(ctx, ctx->h_NotImplemented);
    }
    ArrayObject *x = ArrayObject_AsStruct(ctx, arr), *r;
    HPy h = array_alloc(ctx, x->size, &r);
    if (HPy_IsNull(h))
        return h;
    for (HPy_ssize_t i = 0; i < x->size; i++)
        r->data[i] = a_is ? apply(op, x->data[i], s) : apply(op, s, x->data[i]);
    return h;
}

HPyDef_SLOT(Array_add, HPy_nb_add)
static HPy Array_add_impl(HPyContext *ctx, HPy a, HPy b) { return binary(ctx, a, b, ADD); }
HPyDef_SLOT(Array_sub, HPy_nb_subtract)
static HPy Array_sub_impl(HPyContext *ctx, HPy a, HPy b) { return binary(ctx, a, b, SUB); }
HPyDef_SLOT(Array_mul, HPy_nb_multiply)
static HPy Array_mul_impl(HPyContext *ctx, HPy a, HPy b) { return binary(ctx, a, b, MUL); }
HPyDef_SLOT(Array_div, HPy_nb_true_divide)
static HPy Array_div_impl(HPyContext *ctx, HPy a, HPy b) { return binary(ctx, a, b, DIV); }

HPyDef_SLOT(Array_neg, HPy_nb_negative)
static HPy Array_neg_impl(HPyContext *ctx, HPy self) {
    ArrayObject *x = ArrayObject_AsStruct(ctx, self), *r;
    HPy h = array_alloc(ctx, x->size, &r);
    if (HPy_IsNull(h))
        return h;
    for (HPy_ssize_t i = 0; i < x->size; i++)
        r->data[i] = -x->data[i];
    return h;
}

static HPyDef *Array_defines[] = {
    &Array_destroy, &Array_new, &Array_length, &Array_sq_length, &Array_subscript, &Array_item,
    &Array_tolist, &Array_size, &Array_add, &Array_sub, &Array_mul, &Array_div, &Array_neg,
    NULL,
};

static HPyType_Spec Array_spec = {
    .name = "hpy_array.array",
    .basicsize = sizeof(ArrayObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .builtin_shape = SHAPE(ArrayObject),
    .defines = Array_defines,
};

HPyDef_SLOT(module_exec, HPy_mod_exec)
static int module_exec_impl(HPyContext *ctx, HPy module) {
    HPy type = HPyType_FromSpec(ctx, &Array_spec, NULL);
    if (HPy_IsNull(type))
        return -1;
    HPyGlobal_Store(ctx, &ArrayType, type);
    int result = HPy_SetAttr_s(ctx, module, "array", type);
    HPy_Close(ctx, type);
    return result;
}

static HPyDef *module_defines[] = {&module_exec, NULL};
static HPyGlobal *module_globals[] = {&ArrayType, NULL};

static HPyModuleDef moduledef = {
    .doc = "The hand-written HPy (C) baseline of the picoarray benchmark.",
    .size = 0,
    .defines = module_defines,
    .globals = module_globals,
};

HPy_MODINIT(hpy_array, moduledef)
