//! The byte layout of structured inputs: little-endian integers, fields
//! prefixed by their length (u16), then the rest. Short input reads as zeros
//! and short fields, so every byte string is a valid input and the fuzzer
//! wastes no runs; fields may hold any byte, `\n` and NUL included.

/// Reads a structured input front to back.
pub struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Starts reading `data`.
    pub fn new(data: &'a [u8]) -> Reader<'a> {
        Reader { data }
    }

    /// One byte (zero when the input is exhausted).
    pub fn u8(&mut self) -> u8 {
        let [b] = self.array::<1>();
        b
    }

    /// A little-endian `u32`.
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.array())
    }

    /// A little-endian `u64`.
    pub fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.array())
    }

    /// A little-endian `i64`.
    pub fn i64(&mut self) -> i64 {
        i64::from_le_bytes(self.array())
    }

    fn array<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        let n = N.min(self.data.len());
        out[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        out
    }

    /// A field: its length (u16), then that many bytes (or what is left).
    pub fn field(&mut self) -> &'a [u8] {
        let len = usize::from(u16::from_le_bytes(self.array()));
        let (field, rest) = self.data.split_at(len.min(self.data.len()));
        self.data = rest;
        field
    }

    /// Everything not read yet.
    pub fn rest(self) -> &'a [u8] {
        self.data
    }
}

/// Writes a structured input in the layout [`Reader`] reads.
#[derive(Default)]
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    /// One byte.
    pub fn u8(mut self, v: u8) -> Writer {
        self.out.push(v);
        self
    }

    /// A little-endian `u32`.
    pub fn u32(mut self, v: u32) -> Writer {
        self.out.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// A little-endian `u64`.
    pub fn u64(mut self, v: u64) -> Writer {
        self.out.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// A little-endian `i64`.
    pub fn i64(mut self, v: i64) -> Writer {
        self.out.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// A field: its length (u16), then its bytes.
    pub fn field(mut self, v: &[u8]) -> Writer {
        let len = u16::try_from(v.len()).expect("a field holds at most 65535 bytes");
        self.out.extend_from_slice(&len.to_le_bytes());
        self.out.extend_from_slice(v);
        self
    }

    /// The rest, then the finished input.
    pub fn rest(mut self, v: &[u8]) -> Vec<u8> {
        self.out.extend_from_slice(v);
        self.out
    }
}

/// Strips the spaces and tabs HTTP allows around a header value, as the
/// contract says; written here independently of core, as an oracle.
pub fn trim(v: &[u8]) -> &[u8] {
    let ws = |b: &u8| *b == b' ' || *b == b'\t';
    let start = v.iter().position(|b| !ws(b)).unwrap_or(v.len());
    let end = v.iter().rposition(|b| !ws(b)).map_or(start, |i| i + 1);
    &v[start..end]
}

/// Whether `header` holds `token` as one of its space-separated entries.
pub fn has_entry(header: &[u8], token: &[u8]) -> bool {
    header.split(|b| *b == b' ').any(|t| t == token)
}
