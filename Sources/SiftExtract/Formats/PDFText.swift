import CPoppler

/// Text of PDF pages through poppler (its GLib API), one page at a time.
enum PDFText {
    enum Failure: Error {
        case encrypted
        case damaged
        /// poppler could not be loaded: why.
        case unavailable(String)
    }

    /// Calls `page(number, text)` for each page up to `maxPages`; returns the page count.
    static func pages(_ bytes: [UInt8], maxPages: Int, _ page: (Int, String) -> Void) throws(Failure) -> Int {
        var status: Int32 = 0
        // SAFETY: poppler copies nothing it keeps beyond the GBytes it makes from the buffer, which
        // it copies (g_bytes_new); the buffer is valid for the call.
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { sift_pdf_open($0.baseAddress, Int32($0.count), &status) }
        }
        guard let document else {
            switch status {
            case Int32(SIFT_PDF_ENCRYPTED): throw .encrypted
            case Int32(SIFT_PDF_UNAVAILABLE): throw .unavailable(sift_pdf_unavailable_reason().map { String(cString: $0) } ?? "")
            default: throw .damaged
            }
        }
        defer { sift_pdf_close(document) }
        let count = Int(sift_pdf_page_count(document))
        for index in 0..<min(count, maxPages) {
            guard let text = sift_pdf_page_text(document, Int32(index)) else { continue }
            page(index + 1, String(cString: text))
            sift_pdf_free(text)
        }
        return count
    }
}
