//! The static site's search index: exported at build time from the tantivy
//! index (same tokenization, same field weights), split into prefix-range
//! chunks so that a browser downloads only the parts a query needs.
