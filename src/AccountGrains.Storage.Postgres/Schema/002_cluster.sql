-- AccountGrains cluster membership and grain directory, version 2. __schema__ is replaced by the configured schema name.
-- Read and written by AccountGrains.Cluster (docs/decisions/0004-single-activation-directory.md); every expiry
-- decision compares heartbeat_at with the database's now(), never with a silo's clock.

-- One row per silo process. A process that restarts joins with a new generation (from the sequence).
CREATE SEQUENCE __schema__.silo_generations;

CREATE TABLE __schema__.silos (
    silo_id text NOT NULL,
    generation bigint NOT NULL,
    address text NOT NULL,
    status text NOT NULL CHECK (status IN ('joining', 'active', 'leaving', 'left', 'dead')),
    started_at timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    activation_count integer NOT NULL DEFAULT 0,
    PRIMARY KEY (silo_id, generation)
);

-- One row per live activation: the silo (and its generation) that may serve the grain.
CREATE TABLE __schema__.grain_directory (
    grain_id text PRIMARY KEY,
    silo_id text NOT NULL,
    generation bigint NOT NULL,
    claimed_at timestamptz NOT NULL
);
CREATE INDEX grain_directory_owner ON __schema__.grain_directory (silo_id, generation);
