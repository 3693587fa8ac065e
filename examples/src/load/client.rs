//! A hand-written HTTP/1.1 client: one keep-alive connection, `GET`
//! requests, chunked responses parsed and checked byte by byte, and the
//! time to the first and to the last body byte of each.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;

/// How a response's bytes arrived, from the moment the request was sent.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// Until the first byte of the body was received.
    pub first_byte: Duration,
    /// Until the final zero-length chunk was received.
    pub last_byte: Duration,
}

/// Why a request counts as an error.
#[derive(Debug)]
#[non_exhaustive]
pub enum Failure {
    /// The connection failed, or closed before the response ended.
    Io(io::Error),
    /// The status was not 200.
    Status(u16),
    /// The response was not the HTTP/1.1 chunked response expected.
    Malformed(String),
    /// The body had a length other than the page's, or did not end with `</html>`.
    WrongBody {
        /// Bytes received.
        len: usize,
        /// Bytes the page has.
        expected: usize,
    },
    /// No answer within the client's time limit.
    TimedOut,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(error) => write!(f, "connection failed: {error}"),
            Self::Status(status) => write!(f, "status {status}, not 200"),
            Self::Malformed(what) => write!(f, "malformed response: {what}"),
            Self::WrongBody { len, expected } => write!(
                f,
                "body of {len} bytes, not the page's {expected} ending with </html>"
            ),
            Self::TimedOut => f.write_str("no answer in time"),
        }
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io(error) => Some(error),
            _ => None,
        }
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

fn malformed(what: impl Into<String>) -> Failure {
    Failure::Malformed(what.into())
}

/// The end every page has.
const HTML_END: &[u8] = b"</html>";

/// One connection to the server, kept alive from request to request.
pub struct Connection {
    reader: BufReader<TcpStream>,
    line: String,
    chunk: Vec<u8>,
    reusable: bool,
}

impl Connection {
    /// Connects to `addr`.
    ///
    /// # Errors
    ///
    /// When the connection cannot be made.
    pub async fn open(addr: SocketAddr) -> io::Result<Self> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Self {
            reader: BufReader::new(stream),
            line: String::new(),
            chunk: Vec::new(),
            reusable: true,
        })
    }

    /// Whether the server left the connection open for another request.
    pub fn reusable(&self) -> bool {
        self.reusable
    }

    /// Gets `path` and reads the whole response, which must be a `200`,
    /// chunked or of a stated length, with a body of `expected_len` bytes
    /// ending with `</html>`.
    ///
    /// # Errors
    ///
    /// Any way in which the response is not that page.
    pub async fn get(&mut self, path: &str, expected_len: usize) -> Result<Timing, Failure> {
        let sent = self.send(path).await?;
        let framing = self.head().await?;
        let mut first_byte = None;
        let mut len = 0;
        let mut tail = Vec::with_capacity(2 * HTML_END.len());
        loop {
            let size = match framing {
                Framing::Chunked => self.chunk_size().await?,
                Framing::Length(length) => length - len,
            };
            if size == 0 {
                break;
            }
            if first_byte.is_none() {
                // Waits for the body's first byte, not for all of it.
                if self.reader.fill_buf().await?.is_empty() {
                    return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into());
                }
                first_byte = Some(sent.elapsed());
            }
            match framing {
                Framing::Chunked => self.chunk_data(size).await?,
                Framing::Length(_) => self.body_data(size).await?,
            }
            len += size;
            tail.extend_from_slice(&self.chunk[size.saturating_sub(HTML_END.len())..]);
            tail.drain(..tail.len().saturating_sub(HTML_END.len()));
        }
        if framing == Framing::Chunked {
            self.expect_line("", "the end of the trailers").await?;
        }
        let last_byte = sent.elapsed();
        if len != expected_len || tail != HTML_END {
            return Err(Failure::WrongBody {
                len,
                expected: expected_len,
            });
        }
        Ok(Timing {
            first_byte: first_byte.unwrap_or(last_byte),
            last_byte,
        })
    }

    /// Gets `path` and reads the response's head and its first chunk only.
    ///
    /// # Errors
    ///
    /// When the status is not 200 or the response has no first chunk.
    pub async fn get_first_chunk(&mut self, path: &str) -> Result<(), Failure> {
        self.send(path).await?;
        let size = match self.head().await? {
            Framing::Chunked => self.chunk_size().await?,
            Framing::Length(length) => length,
        };
        if size == 0 {
            return Err(malformed("an empty body"));
        }
        self.reusable = false;
        self.chunk.resize(1, 0);
        Ok(self.reader.read_exact(&mut self.chunk).await.map(drop)?)
    }

    /// Leaves mid-response: closes the connection with a FIN, or with an RST
    /// when `reset` is set.
    ///
    /// # Errors
    ///
    /// When the socket's linger cannot be set.
    pub fn leave(self, reset: bool) -> io::Result<()> {
        let stream = self.reader.into_inner();
        if reset {
            // A zero linger makes close send RST instead of FIN.
            socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO))?;
        }
        drop(stream);
        Ok(())
    }

    async fn send(&mut self, path: &str) -> io::Result<Instant> {
        let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        let sent = Instant::now();
        self.reader.get_mut().write_all(request.as_bytes()).await?;
        Ok(sent)
    }

    /// Reads the next line, without its CRLF, into `self.line`.
    async fn read_line(&mut self) -> Result<(), Failure> {
        self.line.clear();
        if self.reader.read_line(&mut self.line).await? == 0 {
            return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into());
        }
        match self.line.strip_suffix("\r\n") {
            Some(line) => {
                let len = line.len();
                self.line.truncate(len);
                Ok(())
            }
            None => Err(malformed(format!("a line without CRLF: {:?}", self.line))),
        }
    }

    async fn expect_line(&mut self, expected: &str, what: &str) -> Result<(), Failure> {
        self.read_line().await?;
        if self.line == expected {
            Ok(())
        } else {
            Err(malformed(format!("{:?} instead of {what}", self.line)))
        }
    }

    /// Reads the status line and the headers: a `200`, chunked or of a
    /// stated length.
    async fn head(&mut self) -> Result<Framing, Failure> {
        self.read_line().await?;
        let status = match self.line.split(' ').collect::<Vec<_>>()[..] {
            ["HTTP/1.1", code, ..] => code
                .parse()
                .map_err(|_| malformed(format!("status line {:?}", self.line)))?,
            _ => return Err(malformed(format!("status line {:?}", self.line))),
        };
        let mut framing = None;
        loop {
            self.read_line().await?;
            if self.line.is_empty() {
                break;
            }
            let Some((name, value)) = self.line.split_once(':') else {
                return Err(malformed(format!("header {:?}", self.line)));
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("transfer-encoding") {
                framing = value
                    .eq_ignore_ascii_case("chunked")
                    .then_some(Framing::Chunked);
            } else if name.eq_ignore_ascii_case("content-length") {
                let length = value
                    .parse()
                    .map_err(|_| malformed(format!("content-length {value:?}")))?;
                framing = Some(Framing::Length(length));
            } else if name.eq_ignore_ascii_case("connection") && value.eq_ignore_ascii_case("close")
            {
                self.reusable = false;
            }
        }
        if status != 200 {
            // Whatever body it has is not read: the connection is done with.
            self.reusable = false;
            return Err(Failure::Status(status));
        }
        framing.ok_or_else(|| {
            self.reusable = false;
            malformed("a body neither chunked nor of a stated length")
        })
    }

    /// Reads `size` bytes of a body of stated length into `self.chunk`.
    async fn body_data(&mut self, size: usize) -> Result<(), Failure> {
        self.chunk.resize(size, 0);
        self.reader.read_exact(&mut self.chunk).await?;
        Ok(())
    }

    async fn chunk_size(&mut self) -> Result<usize, Failure> {
        self.read_line().await?;
        let digits = self.line.split(';').next().unwrap_or_default().trim();
        usize::from_str_radix(digits, 16)
            .map_err(|_| malformed(format!("chunk size {:?}", self.line)))
    }

    /// Reads a chunk of `size` bytes and its CRLF into `self.chunk`.
    async fn chunk_data(&mut self, size: usize) -> Result<(), Failure> {
        self.chunk.resize(size + 2, 0);
        self.reader.read_exact(&mut self.chunk).await?;
        if !self.chunk.ends_with(b"\r\n") {
            return Err(malformed("a chunk that does not end with CRLF"));
        }
        self.chunk.truncate(size);
        Ok(())
    }
}

/// How a response's body is delimited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Framing {
    /// In chunks, ending with an empty one.
    Chunked,
    /// By its length, given in `Content-Length`.
    Length(usize),
}
