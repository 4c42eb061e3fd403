-- The writer's fence (version 6): a silo's appends carry its cluster lease, checked by the database's clock in the
-- append's transaction, so a silo that lost its lease (expired, released, declared dead) cannot land a late write
-- after another silo may have taken its accounts over. See docs/decisions/0018-appends-carry-the-writers-lease.md.
CREATE OR REPLACE FUNCTION __schema__.assert_writer_lease(cluster text, addr text, silo_port integer, gen integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM __schema__.silo_leases l
        WHERE l.cluster_id = cluster AND l.address = addr AND l.port = silo_port AND l.generation = gen
          AND l.left_at IS NULL AND l.expires_at > clock_timestamp()) THEN
        RAISE EXCEPTION 'the writer''s cluster lease (% %:% generation %) is not live', cluster, addr, silo_port, gen
            USING ERRCODE = 'AGF01';
    END IF;
END $$;
