//! A bounded memory of answers (a word's terms, a word's detection
//! evidence) that keeps the words in use when it fills.
//!
//! Two generations, each of at most `cap` entries: answers go into the
//! young one; when it is full it becomes the old one and the old one is
//! dropped; an answer found in the old generation moves back into the
//! young. A word met since the last turnover is always kept, so the frequent
//! words of a batch survive a turnover, where a memory that forgot
//! everything when full met them all again: with room for 32,768 words it
//! started over ten times in a 10,000-paper load (49,000 distinct Kazakh
//! words) and stemmed 350,000 words instead of 49,000.

use std::borrow::Borrow;
use std::hash::{BuildHasher, Hash};
use std::sync::{Arc, Mutex};

use compact_str::CompactString;
use rustc_hash::{FxBuildHasher, FxHashMap};

#[derive(Clone, Debug)]
pub(crate) struct Memo<K, V> {
    young: FxHashMap<K, V>,
    old: FxHashMap<K, V>,
    cap: usize,
}

impl<K: Hash + Eq, V> Memo<K, V> {
    /// A memory of at most `2 * cap` answers (`cap` at least 1).
    pub(crate) fn new(cap: usize) -> Self {
        Memo {
            young: FxHashMap::default(),
            old: FxHashMap::default(),
            cap: cap.max(1),
        }
    }

    /// The answer for `key` if it was given since the last turnover (the
    /// fast path: one look-up).
    #[inline]
    pub(crate) fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.young.get(key)
    }

    /// The answer for `key` when [`Memo::get`] found none: taken from the
    /// old generation if it is there, else made by `make`; kept in the young
    /// generation either way.
    pub(crate) fn get_or_insert_with<Q>(&mut self, key: &Q, make: impl FnOnce() -> V) -> &V
    where
        K: Borrow<Q> + for<'q> From<&'q Q>,
        Q: Hash + Eq + ?Sized,
    {
        let (key, value) = match self.old.remove_entry(key) {
            Some(entry) => entry,
            None => (K::from(key), make()),
        };
        self.keep_young(key, value)
    }

    /// Puts an answer in the young generation, turning the generations
    /// over first when it is full.
    fn keep_young(&mut self, key: K, value: V) -> &V {
        if self.young.len() >= self.cap {
            // The young generation becomes the old; the old one's table,
            // emptied, is reused for the new young one.
            std::mem::swap(&mut self.young, &mut self.old);
            self.young.clear();
        }
        self.young.entry(key).or_insert(value)
    }

    /// Forgets everything.
    pub(crate) fn clear(&mut self) {
        self.young.clear();
        self.old.clear();
    }

    /// How many answers it holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.young.len() + self.old.len()
    }
}

/// Where the clones of one analyser leave their own memories ([`WordMemo`])
/// when they are dropped, for the next clone to take up: one thread's next
/// segment writer, or the next query's analyser, starts with the words met
/// so far instead of none. A clone takes a parked memory before its first
/// text ([`Parking::take`]) and parks its own when dropped
/// ([`Parking::park`]).
///
/// Clones at work at the same time do not share answers. They did, through
/// a memory behind a lock asked on every miss of a clone's own: on two
/// threads each then stemmed only the words the other had not, yet the
/// loads took as long (1,000 and 10,000 bench papers, two threads, pinned,
/// alternated pairs: 0.990 and 1.003 of the time with it), and on one
/// thread the copy of every answer cost 2.3% of the time and 9 MB.
pub(crate) struct Parking<V>(Arc<Mutex<Vec<WordMemo<V>>>>);

/// Memories a [`Parking`] holds at most (one per indexing thread that may
/// come back): a clone that finds it full drops the smallest.
const PARKED_MEMOS: usize = 4;

impl<V> Clone for Parking<V> {
    fn clone(&self) -> Self {
        Parking(Arc::clone(&self.0))
    }
}

impl<V> std::fmt::Debug for Parking<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parking").finish_non_exhaustive()
    }
}

impl<V> Default for Parking<V> {
    fn default() -> Self {
        Parking(Arc::new(Mutex::new(Vec::new())))
    }
}

impl<V: Clone + Default> Parking<V> {
    /// Takes the lot's lock. A panic while it was held left the memories
    /// whole (they are moved in and out whole), so a poisoned lock is taken
    /// as it is.
    fn lot(&self) -> std::sync::MutexGuard<'_, Vec<WordMemo<V>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The fullest memory parked, if any.
    pub(crate) fn take(&self) -> Option<WordMemo<V>> {
        let mut lot = self.lot();
        let fullest = (0..lot.len()).max_by_key(|&i| lot[i].len())?;
        Some(lot.swap_remove(fullest))
    }

    /// Parks `memo` (unless it is empty), dropping the smallest memory
    /// parked if there are more than [`PARKED_MEMOS`].
    pub(crate) fn park(&self, memo: WordMemo<V>) {
        if memo.len() == 0 {
            return;
        }
        let mut lot = self.lot();
        lot.push(memo);
        if lot.len() > PARKED_MEMOS
            && let Some(smallest) = (0..lot.len()).min_by_key(|&i| lot[i].len())
        {
            lot.swap_remove(smallest);
        }
    }
}

/// A [`Memo`] of words, laid out for the analysers' filters, which look up
/// every token of every text indexed: each answer sits with its word and
/// the word's hash in a slot that starts a cache line (open addressing,
/// linear probing, at most half full), so a look-up reads the slot's first
/// line where a `HashMap` read its control bytes and then its bucket, two
/// cache misses for a word not met lately. [`WordMemo::touch`] reads the
/// slot of a word still to come, so that its line is on its way when the
/// word is looked up. Generations as in [`Memo`].
#[derive(Clone)]
pub(crate) struct WordMemo<V> {
    young: Slots<V>,
    old: Slots<V>,
    cap: usize,
}

impl<V> std::fmt::Debug for WordMemo<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordMemo")
            .field("young", &self.young.len)
            .field("old", &self.old.len)
            .field("cap", &self.cap)
            .finish()
    }
}

/// The hash a [`WordMemo`] keeps of a word (never 0, which marks an empty
/// slot).
#[inline]
pub(crate) fn word_hash(word: &str) -> u64 {
    FxBuildHasher.hash_one(word).max(1)
}

impl<V: Clone + Default> WordMemo<V> {
    /// A memory of at most `2 * cap` answers (`cap` at least 1).
    pub(crate) fn new(cap: usize) -> Self {
        WordMemo {
            young: Slots::new(),
            old: Slots::new(),
            cap: cap.max(1),
        }
    }

    /// The answer for `word` (of [`word_hash`] `hash`) if it was given
    /// since the last turnover.
    #[inline]
    pub(crate) fn get(&self, hash: u64, word: &str) -> Option<&V> {
        self.young.find(hash, word)
    }

    /// The answer for `word` when [`WordMemo::get`] found none: taken from
    /// the old generation if it is there, else made by `make`; kept in the
    /// young generation either way.
    pub(crate) fn get_or_insert_with(
        &mut self,
        hash: u64,
        word: &str,
        make: impl FnOnce() -> V,
    ) -> &V {
        // An answer taken from the old generation stays there too, until
        // the next turnover clears it: the young one is always asked first.
        let value = match self.old.find(hash, word) {
            Some(v) => v.clone(),
            None => make(),
        };
        if self.young.len >= self.cap {
            std::mem::swap(&mut self.young, &mut self.old);
            self.young.clear();
        }
        self.young.insert(hash, CompactString::from(word), value)
    }

    /// Reads the slot where a word of hash `hash` is first looked for, so
    /// the look-up a few tokens later finds its cache line loaded. A plain
    /// read (safe Rust has no prefetch instruction): its value is not used,
    /// and the processor goes on with the work after it while the line
    /// comes, as far as its window of instructions in flight reaches.
    #[inline]
    pub(crate) fn touch(&self, hash: u64) {
        if let Some(slot) = self.young.slots.get(self.young.home(hash)) {
            std::hint::black_box(slot.hash);
        }
    }

    /// How many answers it holds (the old generation's counted whole).
    pub(crate) fn len(&self) -> usize {
        self.young.len + self.old.len
    }
}

/// One generation of a [`WordMemo`]: a table of slots, a power of two of
/// them, at most half of them used.
#[derive(Clone)]
struct Slots<V> {
    slots: Vec<Slot<V>>,
    len: usize,
    /// 64 minus the base-2 logarithm of the number of slots.
    shift: u32,
}

/// A word, its hash (0: the slot is empty) and its answer, aligned to a
/// cache line: 56 bytes for a word with an optional term, padded to one
/// line; 80 for a word with two terms, padded to two (its hash, word and
/// main term in the first). A test checks the sizes.
#[derive(Clone, Default)]
#[repr(align(64))]
struct Slot<V> {
    hash: u64,
    word: CompactString,
    value: V,
}

/// Slots of a generation's first table, made at its first answer (an
/// analyser is cloned for every query and every indexing thread, so an
/// empty memory owns nothing): grown by doubling.
const FIRST_SLOTS: usize = 256;

impl<V: Clone + Default> Slots<V> {
    fn new() -> Self {
        Slots {
            slots: Vec::new(),
            len: 0,
            shift: 63,
        }
    }

    fn with_slots(n: usize) -> Self {
        debug_assert!(n.is_power_of_two() && n >= 2);
        Slots {
            slots: std::iter::repeat_with(Slot::default).take(n).collect(),
            len: 0,
            shift: 64 - n.trailing_zeros(),
        }
    }

    /// The first slot a word of hash `hash` is looked for in (the hash's
    /// high bits after a multiplication, which mixes the low bits in).
    #[inline]
    fn home(&self, hash: u64) -> usize {
        (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    fn find(&self, hash: u64, word: &str) -> Option<&V> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        loop {
            let slot = &self.slots[i];
            if slot.hash == hash && slot.word == word {
                return Some(&slot.value);
            }
            if slot.hash == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Puts a word that is not in the table into it.
    fn insert(&mut self, hash: u64, word: CompactString, value: V) -> &V {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        while self.slots[i].hash != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot { hash, word, value };
        self.len += 1;
        &self.slots[i].value
    }

    fn grow(&mut self) {
        let slots = (self.slots.len() * 2).max(FIRST_SLOTS);
        let old = std::mem::replace(self, Slots::with_slots(slots));
        for slot in old.slots {
            if slot.hash != 0 {
                self.insert(slot.hash, slot.word, slot.value);
            }
        }
    }

    /// Empties the table, keeping its slots.
    fn clear(&mut self) {
        for slot in &mut self.slots {
            if slot.hash != 0 {
                *slot = Slot::default();
            }
        }
        self.len = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asks a memory of two answers a sequence of words through `ask`
    /// (the answer: the word's length, counted in `made` when made) and
    /// checks which answers it kept.
    fn check_generations(mut ask: impl FnMut(&str) -> usize, made: &std::cell::Cell<usize>) {
        assert_eq!(ask("a"), 1);
        assert_eq!(ask("bb"), 2);
        assert_eq!(ask("a"), 1);
        // A third word turns the generations over: `a` and `bb` are old now.
        assert_eq!(ask("ccc"), 3);
        // `a` comes back from the old generation without being made again.
        assert_eq!(ask("a"), 1);
        assert_eq!(made.get(), 3);
        // Two more turnovers: `bb`, not asked for since, is forgotten; `a`,
        // asked for in between, is kept.
        assert_eq!(ask("dddd"), 4);
        assert_eq!(ask("a"), 1);
        assert_eq!(ask("eeeee"), 5);
        assert_eq!(made.get(), 5);
        assert_eq!(ask("bb"), 2);
        assert_eq!(made.get(), 6);
        assert_eq!(ask("a"), 1);
        assert_eq!(made.get(), 6);
    }

    #[test]
    fn answers_are_made_once_and_kept_while_in_use() {
        let mut memo: Memo<String, usize> = Memo::new(2);
        let made = std::cell::Cell::new(0);
        let ask = |key: &str| -> usize {
            if let Some(v) = memo.get(key) {
                return *v;
            }
            *memo.get_or_insert_with(key, || {
                made.set(made.get() + 1);
                key.len()
            })
        };
        check_generations(ask, &made);
    }

    #[test]
    fn a_parking_hands_the_fullest_memory_to_the_next_and_keeps_a_few() {
        let parking: Parking<usize> = Parking::default();
        assert!(parking.take().is_none());
        let memo_of = |n: usize| {
            let mut memo = WordMemo::new(100);
            for i in 0..n {
                let w = i.to_string();
                memo.get_or_insert_with(word_hash(&w), &w, || n);
            }
            memo
        };
        // An empty memory is not worth a place.
        parking.park(memo_of(0));
        assert!(parking.take().is_none());
        for n in 1..=PARKED_MEMOS + 2 {
            parking.clone().park(memo_of(n));
        }
        // The smallest were dropped; the fullest comes out first.
        let sizes: Vec<usize> = std::iter::from_fn(|| parking.take().map(|m| m.len())).collect();
        assert_eq!(sizes, [6, 5, 4, 3]);
        let memo = memo_of(2);
        parking.park(memo);
        let back = parking.take().unwrap();
        assert_eq!(back.get(word_hash("1"), "1"), Some(&2));
    }

    #[test]
    fn it_holds_at_most_two_generations() {
        let mut memo: Memo<String, usize> = Memo::new(100);
        for i in 0..10_000 {
            let key = i.to_string();
            if memo.get(key.as_str()).is_none() {
                memo.get_or_insert_with(key.as_str(), || i);
            }
            assert!(memo.len() <= 200);
        }
        assert_eq!(memo.get("9999"), Some(&9999));
        memo.clear();
        assert_eq!(memo.len(), 0);
    }

    #[test]
    fn a_word_memory_makes_answers_once_and_keeps_those_in_use() {
        let mut memo: WordMemo<usize> = WordMemo::new(2);
        let made = std::cell::Cell::new(0);
        let ask = |key: &str| -> usize {
            let hash = word_hash(key);
            if let Some(v) = memo.get(hash, key) {
                return *v;
            }
            *memo.get_or_insert_with(hash, key, || {
                made.set(made.get() + 1);
                key.len()
            })
        };
        check_generations(ask, &made);
    }

    #[test]
    fn a_word_memory_grows_holds_two_generations_and_tells_words_of_one_hash_apart() {
        let mut memo: WordMemo<usize> = WordMemo::new(1000);
        for i in 0..5000 {
            let key = format!("w{i}");
            let hash = word_hash(&key);
            if memo.get(hash, &key).is_none() {
                memo.get_or_insert_with(hash, &key, || i);
            }
            memo.touch(word_hash("anything"));
            assert!(memo.len() <= 2000);
        }
        // The last generation is whole (it grew past its first slots).
        for i in 4000..5000 {
            let key = format!("w{i}");
            assert_eq!(memo.get(word_hash(&key), &key), Some(&i));
        }
        // Words stored under one hash (as colliding words would be) are
        // found by their text.
        let mut memo: WordMemo<usize> = WordMemo::new(100);
        for (i, w) in ["x", "y", "z"].into_iter().enumerate() {
            memo.get_or_insert_with(7, w, || i);
        }
        assert_eq!(memo.get(7, "y"), Some(&1));
        assert_eq!(memo.get(7, "z"), Some(&2));
        assert_eq!(memo.get(7, "w"), None);
        assert_eq!(memo.get(8, "x"), None);
    }

    #[test]
    fn a_slot_is_one_cache_line_for_one_term_and_two_for_two() {
        use std::mem::{align_of, size_of};
        assert_eq!(align_of::<Slot<Option<CompactString>>>(), 64);
        assert_eq!(size_of::<Slot<Option<CompactString>>>(), 64);
        assert_eq!(
            size_of::<Slot<(CompactString, Option<CompactString>)>>(),
            128
        );
    }
}
