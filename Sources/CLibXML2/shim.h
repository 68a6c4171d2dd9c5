#ifndef SIFT_CLIBXML2_SHIM_H
#define SIFT_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and its encoding.h then includes ICU headers that clash with
// Foundation's own copy of ICU in the same Swift module. Sift never touches the ICU converter
// member of xmlCharEncodingHandler, so hiding ICU from these headers is harmless.
#undef LIBXML_ICU_ENABLED

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function pointer in libxml2; Swift 6 treats it as shared mutable state.
static inline void sift_xml_free(void *pointer) { xmlFree(pointer); }

#endif
