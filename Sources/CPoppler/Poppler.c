#include "CPoppler.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

// GLib's GError, as glib.h lays it out (GQuark is a guint32, gint an int).
typedef struct {
    uint32_t domain;
    int code;
    char *message;
} SiftGError;

// poppler's PopplerError: POPPLER_ERROR_INVALID, then POPPLER_ERROR_ENCRYPTED.
enum { SIFT_POPPLER_ERROR_ENCRYPTED = 1 };

static struct {
    void *(*bytes_new)(const void *data, size_t size);
    void (*bytes_unref)(void *bytes);
    void *(*document_new_from_bytes)(void *bytes, const char *password, SiftGError **error);
    uint32_t (*error_quark)(void);
    void (*error_free)(SiftGError *error);
    int (*document_get_n_pages)(void *document);
    void *(*document_get_page)(void *document, int index);
    char *(*page_get_text)(void *page);
    void (*object_unref)(void *object);
    void (*free)(void *memory);
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int available;
static char reason[512];

static void *symbol(void *library, const char *name, int *missing) {
    void *address = dlsym(library, name);
    if (address == NULL && !*missing) {
        *missing = 1;
        snprintf(reason, sizeof reason, "%s has no symbol %s", "libpoppler-glib", name);
    }
    return address;
}

static void load(void) {
    static const char *const names[] = {
#if defined(__APPLE__)
        "libpoppler-glib.8.dylib", "libpoppler-glib.dylib",
#else
        "libpoppler-glib.so.8", "libpoppler-glib.so",
#endif
    };
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && library == NULL; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (library == NULL) {
            const char *message = dlerror();
            snprintf(reason, sizeof reason, "%s", message != NULL ? message : "cannot load libpoppler-glib");
        }
    }
    if (library == NULL) return;
    // dlsym on the library's handle also searches what it depends on: GLib and GObject.
    int missing = 0;
    *(void **)&api.bytes_new = symbol(library, "g_bytes_new", &missing);
    *(void **)&api.bytes_unref = symbol(library, "g_bytes_unref", &missing);
    *(void **)&api.document_new_from_bytes = symbol(library, "poppler_document_new_from_bytes", &missing);
    *(void **)&api.error_quark = symbol(library, "poppler_error_quark", &missing);
    *(void **)&api.error_free = symbol(library, "g_error_free", &missing);
    *(void **)&api.document_get_n_pages = symbol(library, "poppler_document_get_n_pages", &missing);
    *(void **)&api.document_get_page = symbol(library, "poppler_document_get_page", &missing);
    *(void **)&api.page_get_text = symbol(library, "poppler_page_get_text", &missing);
    *(void **)&api.object_unref = symbol(library, "g_object_unref", &missing);
    *(void **)&api.free = symbol(library, "g_free", &missing);
    if (missing) return;
    reason[0] = 0;
    available = 1;
}

const char *sift_pdf_unavailable_reason(void) {
    pthread_once(&once, load);
    return available ? NULL : reason;
}

void *sift_pdf_open(const char *data, int length, int *status) {
    if (sift_pdf_unavailable_reason() != NULL) {
        *status = SIFT_PDF_UNAVAILABLE;
        return NULL;
    }
    SiftGError *error = NULL;
    void *bytes = api.bytes_new(data, (size_t)length);
    void *document = api.document_new_from_bytes(bytes, NULL, &error);
    api.bytes_unref(bytes);
    if (document == NULL) {
        *status = (error != NULL && error->domain == api.error_quark() && error->code == SIFT_POPPLER_ERROR_ENCRYPTED)
            ? SIFT_PDF_ENCRYPTED : SIFT_PDF_DAMAGED;
        if (error != NULL) api.error_free(error);
        return NULL;
    }
    *status = SIFT_PDF_OK;
    return document;
}

int sift_pdf_page_count(void *document) { return api.document_get_n_pages(document); }

char *sift_pdf_page_text(void *document, int index) {
    void *page = api.document_get_page(document, index);
    if (page == NULL) return NULL;
    char *text = api.page_get_text(page);
    api.object_unref(page);
    return text;
}

void sift_pdf_free(char *text) { api.free(text); }

void sift_pdf_close(void *document) { api.object_unref(document); }
