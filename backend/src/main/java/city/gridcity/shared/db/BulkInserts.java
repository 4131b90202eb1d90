package city.gridcity.shared.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hibernate.engine.internal.Versioning;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.Generator;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * New rows of many at once written as plain JDBC batches, for the writes that come in bulk (intake's group
 * commit). Inside {@link #batch} an entity handed to {@link #insert} gets its key and generated values (the
 * city's code, the version) as {@code persist} would give them, is held, and at the end of the batch is written
 * with the others of its table in one batched {@code INSERT}, tables in the order their first row arrived (a
 * parent before its children). Outside a batch {@link #insert} is {@code persist}.
 *
 * <p>Why: Hibernate's flush of a new row binds each column by looking its name up among the table's columns, so a
 * wide row costs the square of its width; with intake's five rows a report it was a sixth of the service's CPU
 * (async-profiler, {@code InsertCoordinatorStandard.decomposeForInsert} and the mutation executor). The columns,
 * conversions and binders here are Hibernate's own, read once per entity from its mapping, so a row is written
 * exactly as {@code persist} would write it.
 *
 * <p>What a batch's entities are not: managed. They are not in the persistence context, so a change made to one
 * after {@link #insert} is not written, and a query in the batch does not see them; {@link #find} finds them. Use a
 * batch only where the rows are written once and read by nobody before the commit.
 */
@ApplicationScoped
public class BulkInserts {

    private final EntityManager em;
    private final ThreadLocal<Held> held = new ThreadLocal<>();
    private final Map<Class<?>, Plan> plans = new ConcurrentHashMap<>();

    BulkInserts(EntityManager em) {
        this.em = em;
    }

    /**
     * How one entity's rows are written: its statement, its attributes in the statement's order, and those whose
     * value Hibernate generates before an insert (the city's code).
     */
    private record Plan(EntityPersister persister, String sql, List<AttributeMapping> attributes,
                        List<AttributeMapping> generated) {
    }

    /** The current batch: its session and the entities held, by class in the order their first one came. */
    private record Held(SharedSessionContractImplementor session, Map<Class<?>, List<Object>> rows) {
    }

    /** Runs {@code work}; the entities it {@link #insert}s are written when it returns, in its transaction. */
    public <T> T batch(Supplier<T> work) {
        if (held.get() != null) {
            return work.get();
        }
        held.set(new Held(session(), new LinkedHashMap<>()));
        try {
            T result = work.get();
            write(held.get());
            return result;
        } finally {
            held.remove();
        }
    }

    /** A new entity: held for the end of the current batch, or persisted when there is none. */
    public void insert(Object entity) {
        Held batch = held.get();
        if (batch == null) {
            em.persist(entity);
            return;
        }
        SharedSessionContractImplementor session = batch.session();
        Plan plan = plan(entity.getClass(), session);
        EntityPersister persister = plan.persister();
        Generator idGenerator = persister.getGenerator();
        if (idGenerator instanceof BeforeExecutionGenerator g && g.getEventTypes().contains(EventType.INSERT)) {
            persister.setIdentifier(entity, g.generate(session, entity, null, EventType.INSERT), session);
        } else if (persister.getIdentifierMapping().getIdentifier(entity) == null) {
            throw new IllegalArgumentException("A " + entity.getClass().getSimpleName() + " needs its key before it is inserted");
        }
        for (AttributeMapping a : plan.generated()) {
            int i = a.getStateArrayPosition();
            persister.setValue(entity, i, ((BeforeExecutionGenerator) a.getGenerator())
                    .generate(session, entity, persister.getValue(entity, i), EventType.INSERT));
        }
        if (persister.isVersioned()) {
            Object[] state = persister.getValues(entity);
            if (Versioning.seedVersion(entity, state, persister, session)) {
                persister.setValue(entity, persister.getVersionPropertyIndex(), state[persister.getVersionPropertyIndex()]);
            }
        }
        batch.rows().computeIfAbsent(entity.getClass(), c -> new ArrayList<>()).add(entity);
    }

    /** An entity of the current batch with this key, else {@link EntityManager#find}. */
    public <E> E find(Class<E> type, Object id) {
        Map<Class<?>, List<Object>> rows = held.get() == null ? null : held.get().rows();
        if (rows != null && rows.containsKey(type)) {
            EntityPersister persister = plans.get(type).persister();
            for (Object e : rows.get(type)) {
                if (id.equals(persister.getIdentifierMapping().getIdentifier(e))) {
                    return type.cast(e);
                }
            }
        }
        return em.find(type, id);
    }

    private void write(Held batch) {
        Map<Class<?>, List<Object>> rows = batch.rows();
        if (rows.isEmpty()) {
            return;
        }
        SharedSessionContractImplementor session = batch.session();
        session.doWork(connection -> {
            for (Map.Entry<Class<?>, List<Object>> table : rows.entrySet()) {
                Plan plan = plans.get(table.getKey());
                try (PreparedStatement st = connection.prepareStatement(plan.sql())) {
                    for (Object entity : table.getValue()) {
                        bind(st, plan, entity, session);
                        st.addBatch();
                    }
                    st.executeBatch();
                }
            }
        });
    }

    private static void bind(PreparedStatement st, Plan plan, Object entity, SharedSessionContractImplementor session)
            throws SQLException {
        EntityPersister persister = plan.persister();
        int[] position = {1};
        SqlBinder binder = (value, column) -> column.getJdbcMapping().getJdbcValueBinder().bind(st, value, position[0]++, session);
        Object id = persister.getIdentifierMapping().getIdentifier(entity);
        persister.getIdentifierMapping().decompose(id, 0, binder, null, BulkInserts::bindOne, session);
        Object[] state = persister.getValues(entity);
        for (AttributeMapping a : plan.attributes()) {
            a.decompose(state[a.getStateArrayPosition()], 0, binder, null, BulkInserts::bindOne, session);
        }
    }

    private static void bindOne(int index, SqlBinder binder, Object unused, Object value, SelectableMapping column) {
        if (!insertable(column)) {
            return;
        }
        try {
            binder.bind(value, column);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not bind " + column.getSelectionExpression(), e);
        }
    }

    private interface SqlBinder {
        void bind(Object value, SelectableMapping column) throws SQLException;
    }

    private static boolean insertable(SelectableMapping column) {
        return column.isInsertable() && !column.isFormula();
    }

    private Plan plan(Class<?> type, SharedSessionContractImplementor session) {
        return plans.computeIfAbsent(type, t -> {
            EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(t);
            if (persister.getTableNames().length != 1) {
                throw new IllegalArgumentException(t.getSimpleName() + " maps to more than one table");
            }
            List<String> columns = new ArrayList<>();
            persister.getIdentifierMapping().forEachSelectable((i, c) -> columns.add(c.getSelectionExpression()));
            List<AttributeMapping> attributes = new ArrayList<>();
            persister.forEachAttributeMapping(a -> {
                if (a.isPluralAttributeMapping()) {
                    throw new IllegalArgumentException(t.getSimpleName() + "." + a.getAttributeName()
                            + " is a collection: not written by a bulk insert");
                }
                attributes.add(a);
                a.forEachSelectable((i, c) -> {
                    if (insertable(c)) {
                        columns.add(c.getSelectionExpression());
                    }
                });
            });
            String sql = "insert into " + persister.getTableName() + " (" + String.join(", ", columns) + ") values ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            List<AttributeMapping> generated = attributes.stream().filter(a -> a.getGenerator() instanceof BeforeExecutionGenerator g
                    && g.getEventTypes().contains(EventType.INSERT)).toList();
            return new Plan(persister, sql, List.copyOf(attributes), generated);
        });
    }

    private SharedSessionContractImplementor session() {
        return em.unwrap(SharedSessionContractImplementor.class);
    }
}
