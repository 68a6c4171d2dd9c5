#ifndef SIFT_CPOPPLER_H
#define SIFT_CPOPPLER_H

// Sift reads PDF text through poppler's GLib API, loaded with dlopen when the first PDF comes.
// Linked, poppler-glib and the forty-odd libraries it pulls in (cairo, X11, NSS, TIFF …) were
// mapped and relocated at every start of sift: two thirds of the start-up time of every command,
// most of which never meet a PDF. These wrappers also keep GLib's types out of the Swift code: a
// document is an opaque pointer, text a C string freed with sift_pdf_free.

enum { SIFT_PDF_OK = 0, SIFT_PDF_ENCRYPTED = 1, SIFT_PDF_DAMAGED = 2, SIFT_PDF_UNAVAILABLE = 3 };

/// A document read from a copy of `length` bytes at `data`, or NULL with `*status` saying why
/// (SIFT_PDF_UNAVAILABLE: poppler could not be loaded, see sift_pdf_unavailable_reason).
void *sift_pdf_open(const char *data, int length, int *status);

/// The number of pages of `document`.
int sift_pdf_page_count(void *document);

/// The text of page `index` (from 0), to free with sift_pdf_free; NULL when the page cannot be read.
char *sift_pdf_page_text(void *document, int index);

void sift_pdf_free(char *text);

void sift_pdf_close(void *document);

/// Why poppler could not be loaded (the loader's message), or NULL when it was.
const char *sift_pdf_unavailable_reason(void);

#endif
