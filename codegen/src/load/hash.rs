//! A fast hash for the loader's maps and sets keyed by shape IDs: the FxHash
//! that rustc uses. It does not resist crafted collisions, which a model
//! loader, reading files its user chose, does not need; SipHash made hashing
//! a noticeable part of loading a large model.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash: rotate, xor the next word, multiply.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(<[u8; 8]>::try_from(word).map_or(0, u64::from_le_bytes));
        }
        for &byte in words.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_find_what_they_hold() {
        let mut map: FastMap<String, usize> = FastMap::default();
        for (i, id) in ["a#B", "a#C", "smithy.api#String", "x.y.z#LongerName$member"]
            .iter()
            .enumerate()
        {
            map.insert((*id).to_owned(), i);
        }
        assert_eq!(map.get("smithy.api#String"), Some(&2));
        assert_eq!(map.get("x.y.z#LongerName$member"), Some(&3));
        assert_eq!(map.get("a#D"), None);
    }
}
