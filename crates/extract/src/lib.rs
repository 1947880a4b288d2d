//! Extract: a [`CleanDocument`] in, an [`Extraction`] out: the entities, quantities,
//! dates and quotes of one source, each with its sentence and char offsets.
//!
//! Reads: `normalize/<source_id>.json`. Writes (through xtask): `extract/<source_id>.json`.
//! Next stage: reconcile.

use records::{CleanDocument, Extraction};
use serde::{Deserialize, Serialize};

/// Extract settings (`[extract]` in a pipeline file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExtractConfig {}

/// Extracts the mentions of one document.
pub fn extract(doc: &CleanDocument, _config: &ExtractConfig) -> Extraction {
    Extraction {
        document: doc.clone(),
        entities: Vec::new(),
        quantities: Vec::new(),
        dates: Vec::new(),
        quotes: Vec::new(),
    }
}
