#ifndef SIFT_CPOPPLER_SHIM_H
#define SIFT_CPOPPLER_SHIM_H

// Sift reads PDF text through poppler's GLib API. These wrappers keep GLib's types out of the
// Swift code: a document is an opaque pointer, text is a C string freed with sift_pdf_free.
#include <poppler.h>
#include <glib.h>

enum { SIFT_PDF_OK = 0, SIFT_PDF_ENCRYPTED = 1, SIFT_PDF_DAMAGED = 2 };

static inline void *sift_pdf_open(const char *data, int length, int *status) {
    GError *error = NULL;
    GBytes *bytes = g_bytes_new(data, (gsize)length);
    PopplerDocument *document = poppler_document_new_from_bytes(bytes, NULL, &error);
    g_bytes_unref(bytes);
    if (document == NULL) {
        *status = (error != NULL && error->domain == POPPLER_ERROR && error->code == POPPLER_ERROR_ENCRYPTED)
            ? SIFT_PDF_ENCRYPTED : SIFT_PDF_DAMAGED;
        if (error != NULL) g_error_free(error);
        return NULL;
    }
    *status = SIFT_PDF_OK;
    return document;
}

static inline int sift_pdf_page_count(void *document) {
    return poppler_document_get_n_pages((PopplerDocument *)document);
}

static inline char *sift_pdf_page_text(void *document, int index) {
    PopplerPage *page = poppler_document_get_page((PopplerDocument *)document, index);
    if (page == NULL) return NULL;
    char *text = poppler_page_get_text(page);
    g_object_unref(page);
    return text;
}

static inline void sift_pdf_free(char *text) { g_free(text); }

static inline void sift_pdf_close(void *document) { g_object_unref((PopplerDocument *)document); }

#endif
