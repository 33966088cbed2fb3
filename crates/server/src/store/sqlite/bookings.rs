//! 预约 under a rush: bookings are committed by one writer task, in groups.
//!
//! SQLite has one writer at a time. When every booking opened its own write transaction on a
//! pooled connection, the bookers of a rush queued in SQLite's busy handler, which sleeps
//! (1, 2, 5, 10 … 100 ms) between tries: 300 bookers on 3 slots waited 450 ms at p99. Here
//! the bookings that are waiting when the writer is free run one after another in ONE
//! transaction and are committed together with one sync of the WAL (the store runs
//! `synchronous=FULL`); only then is any of them answered. So every answer says what is on
//! disk, the sync is paid once per group, and no booker sleeps. A booking that fails with an
//! error (not a refusal) rolls the group back, and the group runs again without it: a
//! booking depends only on what is stored and what it carries (its check-in code included),
//! so the others come out the same. Savepoints would do it too, at two more round trips to
//! SQLite's thread per booking, every time, for a failure that almost never happens.
//!
//! Nothing changes about what a booking sees: the capacity check is still the conditional
//! UPSERT inside the transaction, after the bookings before it in the group. The writer is
//! in-process because SQLite is one machine's database; on PostgreSQL the row lock of the
//! slot's counter does this job across replicas.

use super::appointments::book_in;
use crate::store::{BookOutcome, NewAppointment};
use anyhow::anyhow;
use sqlx::sqlite::SqliteConnection;
use sqlx::Connection;
use tokio::sync::{mpsc, oneshot};

/// The most bookings committed together: a group holds SQLite's write lock for about this
/// many bookings' worth of statements (a few milliseconds), never longer.
const MAX_GROUP: usize = 128;

struct Job {
    new: NewAppointment,
    answer: oneshot::Sender<anyhow::Result<BookOutcome>>,
}

/// The handle of the writer task; the task ends when the last handle is dropped.
#[derive(Clone)]
pub(super) struct BookingWriter {
    jobs: mpsc::Sender<Job>,
}

impl BookingWriter {
    /// Starts the writer on its own connection (it holds it for good).
    pub(super) fn start(conn: SqliteConnection) -> BookingWriter {
        let (jobs, queue) = mpsc::channel(1024);
        tokio::spawn(run(conn, queue));
        BookingWriter { jobs }
    }

    /// Books, once the booking's group is committed.
    pub(super) async fn book(&self, new: NewAppointment) -> anyhow::Result<BookOutcome> {
        let (answer, reply) = oneshot::channel();
        self.jobs
            .send(Job { new, answer })
            .await
            .map_err(|_| anyhow!("the booking writer has stopped"))?;
        reply
            .await
            .map_err(|_| anyhow!("the booking writer stopped before answering"))?
    }
}

async fn run(mut conn: SqliteConnection, mut queue: mpsc::Receiver<Job>) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
        let outcomes = commit_group(&mut conn, &group).await;
        for (job, outcome) in group.drain(..).zip(outcomes) {
            // A booker that went away is not waiting: its booking stands all the same, and
            // a retry with its key gets it back.
            let _ = job.answer.send(outcome);
        }
    }
}

/// Why an attempt at a group stopped.
enum Stop {
    /// This booking failed: the transaction is rolled back, the others may run again.
    Booking(usize, anyhow::Error),
    /// The transaction itself failed (begin, commit, rollback): nothing of it is stored.
    Group(anyhow::Error),
}

/// The outcome of each booking of `group`, in order, once every booking in it is committed.
async fn commit_group(
    conn: &mut SqliteConnection,
    group: &[Job],
) -> Vec<anyhow::Result<BookOutcome>> {
    let mut failed: Vec<Option<anyhow::Error>> = group.iter().map(|_| None).collect();
    loop {
        match attempt(conn, group, &failed).await {
            Ok(outcomes) => {
                return outcomes
                    .into_iter()
                    .zip(failed)
                    .map(|(outcome, error)| match error {
                        Some(e) => Err(e),
                        None => outcome.ok_or_else(|| anyhow!("a booking without an outcome")),
                    })
                    .collect()
            }
            Err(Stop::Booking(i, e)) => failed[i] = Some(e),
            Err(Stop::Group(e)) => {
                let reason = format!("{e:#}");
                return failed
                    .into_iter()
                    .map(|error| {
                        Err(error.unwrap_or_else(|| {
                            anyhow!("the booking group was not committed: {reason}")
                        }))
                    })
                    .collect();
            }
        }
    }
}

/// One transaction over the bookings of `group` not marked as failed.
async fn attempt(
    conn: &mut SqliteConnection,
    group: &[Job],
    failed: &[Option<anyhow::Error>],
) -> Result<Vec<Option<BookOutcome>>, Stop> {
    let mut tx = conn
        .begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(|e| Stop::Group(e.into()))?;
    let mut outcomes = Vec::with_capacity(group.len());
    for (i, job) in group.iter().enumerate() {
        if failed[i].is_some() {
            outcomes.push(None);
            continue;
        }
        match book_in(&mut tx, &job.new).await {
            Ok(outcome) => outcomes.push(Some(outcome)),
            Err(e) => {
                tx.rollback().await.map_err(|e| Stop::Group(e.into()))?;
                return Err(Stop::Booking(i, e));
            }
        }
    }
    tx.commit().await.map_err(|e| Stop::Group(e.into()))?;
    Ok(outcomes)
}
