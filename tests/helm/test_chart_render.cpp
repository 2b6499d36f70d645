// `helm template` on several value sets, parsed with yaml-cpp: the chart renders what the issue
// promises (replicas, probes, limits, security, checksums, optional objects, database wiring),
// and the schema rejects bad values naming the key.

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "chart_cli.hpp"
#include "manifest_set.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::chart_test;

namespace {
const QString kChart = QStringLiteral(HELMDECK_SOURCE_DIR "/helm/todo-chatbot");
const std::string kFullname = "demo-todo-chatbot";
const std::string kPostgres = "demo-todo-chatbot-postgresql";
const std::string kWeb = "demo-todo-chatbot-web";

QStringList sets(std::initializer_list<const char*> assignments) {
    QStringList args;
    for (const auto* assignment : assignments) args << QStringLiteral("--set") << assignment;
    return args;
}

bool contains(const YAML::Node& sequence, const std::string& value) {
    for (const auto& item : sequence) {
        if (item.IsScalar() && item.as<std::string>() == value) return true;
    }
    return false;
}
}  // namespace

class TestChartRender : public QObject {
    Q_OBJECT

    QString helm_;
    QTemporaryDir scratch_;

    // Renders the chart; on failure records the helm output and returns an empty set.
    ManifestSet render(const QStringList& args, bool* ok) {
        const auto result = helm_template(helm_, kChart, args);
        *ok = result.ok();
        if (!*ok) {
            qWarning("%s", result.describe().constData());
            return {};
        }
        try {
            return ManifestSet::parse(result.out.toStdString());
        } catch (const YAML::Exception& error) {
            qWarning("helm template printed invalid YAML: %s", error.what());
            *ok = false;
            return {};
        }
    }

    QString values_file(const char* name, const QByteArray& yaml) {
        const QString path = scratch_.filePath(QString::fromLatin1(name) + ".yaml");
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) return {};
        file.write(yaml);
        return path;
    }

    static std::string checksum(const ManifestSet& set, const std::string& which) {
        return text_at(set.find("Deployment", kFullname),
                       "spec.template.metadata.annotations.checksum/" + which);
    }

private slots:
    void initTestCase() {
        helm_ = helmdeck::testing::find_tool(QStringLiteral("helm"));
        HELMDECK_REQUIRE(
            !helm_.isEmpty(), "helm",
            "run ./dev setup (it installs helm with go install helm.sh/helm/v3/cmd/helm)");
        QVERIFY(scratch_.isValid());
    }

    void defaults_run_two_hardened_replicas() {
        bool ok = false;
        const auto set = render({}, &ok);
        QVERIFY(ok);
        const auto deployment = set.find("Deployment", kFullname);
        QVERIFY(deployment.IsDefined());
        QCOMPARE(text_at(deployment, "spec.replicas"), std::string("2"));
        QCOMPARE(text_at(deployment, "spec.strategy.type"), std::string("RollingUpdate"));
        QCOMPARE(text_at(deployment, "spec.strategy.rollingUpdate.maxUnavailable"),
                 std::string("0"));
        QCOMPARE(text_at(deployment, "spec.strategy.rollingUpdate.maxSurge"), std::string("1"));

        const auto pod = at(deployment, "spec.template.spec");
        QCOMPARE(text_at(pod, "securityContext.runAsNonRoot"), std::string("true"));
        QCOMPARE(text_at(pod, "securityContext.runAsUser"), std::string("10001"));
        QCOMPARE(text_at(pod, "securityContext.runAsGroup"), std::string("10001"));
        QCOMPARE(text_at(pod, "securityContext.fsGroup"), std::string("10001"));
        QCOMPARE(text_at(pod, "securityContext.seccompProfile.type"),
                 std::string("RuntimeDefault"));
        QCOMPARE(text_at(pod, "automountServiceAccountToken"), std::string("false"));
        QCOMPARE(text_at(pod, "terminationGracePeriodSeconds"), std::string("30"));
        QCOMPARE(text_at(pod,
                         "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution"
                         ".0.podAffinityTerm.topologyKey"),
                 std::string("kubernetes.io/hostname"));

        const auto container = first_container(deployment);
        QCOMPARE(text_at(container, "image"), std::string("todo-chatbot:0.1.0"));
        QCOMPARE(text_at(container, "securityContext.readOnlyRootFilesystem"), std::string("true"));
        QCOMPARE(text_at(container, "securityContext.allowPrivilegeEscalation"),
                 std::string("false"));
        QCOMPARE(text_at(container, "securityContext.privileged"), std::string("false"));
        QVERIFY(contains(at(container, "securityContext.capabilities.drop"), "ALL"));
        QCOMPARE(text_at(container, "lifecycle.preStop.sleep.seconds"), std::string("5"));

        const auto service_account = set.find("ServiceAccount", kFullname);
        QVERIFY(service_account.IsDefined());
        QCOMPARE(text_at(service_account, "automountServiceAccountToken"), std::string("false"));
        QCOMPARE(text_at(pod, "serviceAccountName"), kFullname);
    }

    void probes_and_ports_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("port");
        QTest::newRow("default port") << QStringList{} << QStringLiteral("8080");
        QTest::newRow("port 9090") << sets({"containerPorts.http=9090"}) << QStringLiteral("9090");
    }
    void probes_and_ports() {
        QFETCH(QStringList, args);
        QFETCH(QString, port);
        bool ok = false;
        const auto set = render(args, &ok);
        QVERIFY(ok);
        const auto container = first_container(set.find("Deployment", kFullname));
        QCOMPARE(text_at(container, "ports.0.name"), std::string("http"));
        QCOMPARE(text_at(container, "ports.0.containerPort"), port.toStdString());
        QCOMPARE(text_at(container, "startupProbe.httpGet.path"), std::string("/api/ready"));
        QCOMPARE(text_at(container, "readinessProbe.httpGet.path"), std::string("/api/ready"));
        // Liveness never depends on the database.
        QCOMPARE(text_at(container, "livenessProbe.httpGet.path"), std::string("/api/health"));
        for (const char* probe : {"startupProbe", "readinessProbe", "livenessProbe"})
            QCOMPARE(text_at(container, std::string(probe) + ".httpGet.port"), std::string("http"));
        // The backend reads PORT, so the ConfigMap must agree with the container port.
        QCOMPARE(text_at(set.find("ConfigMap", kFullname + "-config"), "data.PORT"),
                 port.toStdString());
        const auto service = set.find("Service", kFullname);
        QCOMPARE(text_at(service, "spec.type"), std::string("ClusterIP"));
        QCOMPARE(text_at(service, "spec.ports.0.port"), std::string("80"));
        QCOMPARE(text_at(service, "spec.ports.0.targetPort"), std::string("http"));
    }

    void replicas_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("replicas");
        QTest::newRow("default") << QStringList{} << QStringLiteral("2");
        QTest::newRow("replicaCount=3") << sets({"replicaCount=3"}) << QStringLiteral("3");
        // The HPA owns the count: a static replicas field would fight it on every upgrade.
        QTest::newRow("autoscaling")
            << sets({"autoscaling.enabled=true"}) << QStringLiteral("<missing>");
    }
    void replicas() {
        QFETCH(QStringList, args);
        QFETCH(QString, replicas);
        bool ok = false;
        const auto set = render(args, &ok);
        QVERIFY(ok);
        QCOMPARE(text_at(set.find("Deployment", kFullname), "spec.replicas"),
                 replicas.toStdString());
    }

    void resources_have_requests_and_limits() {
        bool ok = false;
        const auto set = render({}, &ok);
        QVERIFY(ok);
        const auto resources = at(first_container(set.find("Deployment", kFullname)), "resources");
        QCOMPARE(text_at(resources, "requests.cpu"), std::string("50m"));
        QCOMPARE(text_at(resources, "requests.memory"), std::string("32Mi"));
        QCOMPARE(text_at(resources, "limits.cpu"), std::string("500m"));
        QCOMPARE(text_at(resources, "limits.memory"), std::string("128Mi"));
        QVERIFY(at(resources, "requests.ephemeral-storage").IsScalar());
        QVERIFY(at(resources, "limits.ephemeral-storage").IsScalar());

        const auto custom = render(sets({"resources.limits.memory=256Mi"}), &ok);
        QVERIFY(ok);
        QCOMPARE(text_at(first_container(custom.find("Deployment", kFullname)),
                         "resources.limits.memory"),
                 std::string("256Mi"));
    }

    void prestop_sleep_is_configurable() {
        bool ok = false;
        const auto set = render(sets({"lifecycle.preStopSleepSeconds=0"}), &ok);
        QVERIFY(ok);
        QVERIFY(!at(first_container(set.find("Deployment", kFullname)), "lifecycle").IsDefined());

        // The native sleep action needs Kubernetes 1.30: older clusters get a clear message.
        auto old_cluster = helm_template(
            helm_, kChart, {QStringLiteral("--kube-version"), QStringLiteral("1.29.0")});
        QVERIFY2(!old_cluster.ok(), old_cluster.describe().constData());
        QVERIFY2(old_cluster.err.contains("lifecycle.preStopSleepSeconds"),
                 old_cluster.err.constData());
        // The web pods have their own sleep, with the same message.
        old_cluster = helm_template(
            helm_, kChart,
            {QStringLiteral("--kube-version"), QStringLiteral("1.29.0"), QStringLiteral("--set"),
             QStringLiteral("lifecycle.preStopSleepSeconds=0")});
        QVERIFY2(!old_cluster.ok(), old_cluster.describe().constData());
        QVERIFY2(old_cluster.err.contains("web.preStopSleepSeconds"), old_cluster.err.constData());
        old_cluster = helm_template(
            helm_, kChart,
            {QStringLiteral("--kube-version"), QStringLiteral("1.29.0"), QStringLiteral("--set"),
             QStringLiteral("lifecycle.preStopSleepSeconds=0,web.preStopSleepSeconds=0")});
        QVERIFY2(old_cluster.ok(), old_cluster.describe().constData());
        bool ok_web = false;
        const auto no_sleep = render(sets({"web.preStopSleepSeconds=0"}), &ok_web);
        QVERIFY(ok_web);
        QVERIFY(!at(first_container(no_sleep.find("Deployment", kWeb)), "lifecycle").IsDefined());
        QCOMPARE(text_at(first_container(set.find("Deployment", kWeb)), "lifecycle.preStop.sleep.seconds"),
                 std::string("5"));
    }

    void checksums_roll_pods_on_config_changes() {
        bool ok = false;
        const auto base = render({}, &ok);
        QVERIFY(ok);
        const auto again = render({}, &ok);
        QVERIFY(ok);
        QCOMPARE(checksum(again, "config"), checksum(base, "config"));
        QCOMPARE(checksum(again, "secret"), checksum(base, "secret"));
        QVERIFY(checksum(base, "config") != "<missing>");

        const auto debug = render(sets({"config.logLevel=debug"}), &ok);
        QVERIFY(ok);
        QVERIFY(checksum(debug, "config") != checksum(base, "config"));
        QCOMPARE(checksum(debug, "secret"), checksum(base, "secret"));

        const auto llm = render(sets({"config.llmBaseUrl=http://llm.example/v1"}), &ok);
        QVERIFY(ok);
        QVERIFY(checksum(llm, "config") != checksum(base, "config"));

        const auto jwt = render(sets({"secrets.authJwtSecret=rotate-me"}), &ok);
        QVERIFY(ok);
        QVERIFY(checksum(jwt, "secret") != checksum(base, "secret"));
        QCOMPARE(checksum(jwt, "config"), checksum(base, "config"));
    }

    void no_secret_in_any_configmap_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("external url")
            << sets({"secrets.authJwtSecret=jwt-SENTINEL", "secrets.llmApiKey=key-SENTINEL",
                     "externalDatabase.url=postgres://u:pw-SENTINEL@db.example/todo"});
        QTest::newRow("in-cluster postgres")
            << sets({"postgresql.enabled=true", "postgresql.auth.password=pw-SENTINEL",
                     "secrets.authJwtSecret=jwt-SENTINEL"});
    }
    void no_secret_in_any_configmap() {
        QFETCH(QStringList, args);
        bool ok = false;
        const auto set = render(args, &ok);
        QVERIFY(ok);
        const auto config_maps = set.of_kind("ConfigMap");
        QVERIFY(!config_maps.empty());
        for (const auto& config_map : config_maps) {
            for (const auto& entry : at(config_map, "data")) {
                const auto key = entry.first.as<std::string>();
                const auto value = entry.second.as<std::string>();
                QVERIFY2(key != "DATABASE_URL" && key != "AUTH_JWT_SECRET" &&
                             key != "LLM_API_KEY" && key.find("PASSWORD") == std::string::npos,
                         key.c_str());
                QVERIFY2(value.find("SENTINEL") == std::string::npos, key.c_str());
            }
        }
        // Nor as a literal in the pod spec: the password reaches DATABASE_URL by $(VAR) expansion.
        const auto container = first_container(set.find("Deployment", kFullname));
        for (const auto& entry : at(container, "env"))
            QVERIFY(text_at(entry, "value").find("SENTINEL") == std::string::npos);
        // The secrets are in the Secret instead.
        const auto secret = set.find("Secret", kFullname);
        QCOMPARE(base64_decode(text_at(secret, "data.AUTH_JWT_SECRET")),
                 std::string("jwt-SENTINEL"));
    }

    void optional_objects_data() {
        QTest::addColumn<QStringList>("off");
        QTest::addColumn<QStringList>("on");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name");
        const auto fullname = QString::fromStdString(kFullname);
        const auto postgres = QString::fromStdString(kPostgres);
        QTest::newRow("pdb") << sets({"pdb.create=false"}) << QStringList{} << "PodDisruptionBudget"
                             << fullname;
        QTest::newRow("hpa") << QStringList{} << sets({"autoscaling.enabled=true"})
                             << "HorizontalPodAutoscaler" << fullname;
        QTest::newRow("networkpolicy") << sets({"networkPolicy.enabled=false"}) << QStringList{}
                                       << "NetworkPolicy" << fullname;
        QTest::newRow("networkpolicy for the test pod")
            << sets({"networkPolicy.enabled=false"}) << QStringList{} << "NetworkPolicy"
            << fullname + "-test-connection";
        QTest::newRow("ingress") << QStringList{} << sets({"ingress.enabled=true"}) << "Ingress"
                                 << fullname;
        QTest::newRow("postgresql statefulset")
            << QStringList{} << sets({"postgresql.enabled=true"}) << "StatefulSet" << postgres;
        QTest::newRow("postgresql service")
            << QStringList{} << sets({"postgresql.enabled=true"}) << "Service" << postgres;
        QTest::newRow("postgresql secret")
            << QStringList{} << sets({"postgresql.enabled=true"}) << "Secret" << postgres;
        QTest::newRow("postgresql networkpolicy")
            << QStringList{} << sets({"postgresql.enabled=true"}) << "NetworkPolicy" << postgres;
        QTest::newRow("serviceaccount") << sets({"serviceAccount.create=false"}) << QStringList{}
                                        << "ServiceAccount" << fullname;
        QTest::newRow("chart secret")
            << sets({"existingSecret=made-elsewhere"}) << QStringList{} << "Secret" << fullname;
        QTest::newRow("test pod") << sets({"tests.enabled=false"}) << QStringList{} << "Pod"
                                  << fullname + "-test-connection";
        const auto web = QString::fromStdString(kWeb);
        QTest::newRow("web deployment") << sets({"web.enabled=false"}) << QStringList{} << "Deployment" << web;
        QTest::newRow("web service") << sets({"web.enabled=false"}) << QStringList{} << "Service" << web;
        QTest::newRow("web pdb") << sets({"web.pdb.create=false"}) << QStringList{} << "PodDisruptionBudget" << web;
        QTest::newRow("web networkpolicy")
            << sets({"networkPolicy.enabled=false"}) << QStringList{} << "NetworkPolicy" << web;
        QTest::newRow("web test pod") << sets({"tests.enabled=false"}) << QStringList{} << "Pod" << web + "-test";
        QTest::newRow("web test pod without web") << sets({"web.enabled=false"}) << QStringList{} << "Pod"
                                                  << web + "-test";
        QTest::newRow("web test networkpolicy")
            << sets({"networkPolicy.enabled=false"}) << QStringList{} << "NetworkPolicy" << web + "-test";
    }
    void optional_objects() {
        QFETCH(QStringList, off);
        QFETCH(QStringList, on);
        QFETCH(QString, kind);
        QFETCH(QString, name);
        bool ok = false;
        const auto without = render(off, &ok);
        QVERIFY(ok);
        const auto with = render(on, &ok);
        QVERIFY(ok);
        const auto count = [&](const ManifestSet& set) {
            int n = 0;
            for (const auto& object : set.of_kind(kind.toStdString()))
                n += text_at(object, "metadata.name") == name.toStdString();
            return n;
        };
        QCOMPARE(count(without), 0);
        QCOMPARE(count(with), 1);
    }

    void sqlite_demo_mode_mounts_the_only_writable_volume() {
        bool ok = false;
        const auto set = render({}, &ok);
        QVERIFY(ok);
        const auto deployment = set.find("Deployment", kFullname);
        const auto container = first_container(deployment);
        QCOMPARE(text_at(env_var(container, "DATABASE_URL"), "value"),
                 std::string("sqlite:/data/todo.db"));
        QCOMPARE(text_at(container, "volumeMounts.0.mountPath"), std::string("/data"));
        QCOMPARE(text_at(deployment, "spec.template.spec.volumes.0.name"), std::string("data"));
        QVERIFY(at(deployment, "spec.template.spec.volumes.0.emptyDir").IsMap());
        QCOMPARE(at(deployment, "spec.template.spec.volumes").size(), std::size_t(1));
    }

    void in_cluster_postgres_is_wired_into_database_url() {
        bool ok = false;
        const auto set = render(sets({"postgresql.enabled=true"}), &ok);
        QVERIFY(ok);
        const auto deployment = set.find("Deployment", kFullname);
        const auto container = first_container(deployment);
        // No writable volume at all with PostgreSQL.
        QVERIFY(!at(deployment, "spec.template.spec.volumes").IsDefined());
        QVERIFY(!at(container, "volumeMounts").IsDefined());

        const auto password = env_var(container, "POSTGRES_PASSWORD");
        QCOMPARE(text_at(password, "valueFrom.secretKeyRef.name"), kPostgres);
        QCOMPARE(text_at(password, "valueFrom.secretKeyRef.key"), std::string("password"));
        QCOMPARE(
            text_at(env_var(container, "DATABASE_URL"), "value"),
            "postgres://todo:$(POSTGRES_PASSWORD)@" + kPostgres + ":5432/todo?sslmode=disable");
        // $(VAR) expands only variables defined earlier in the list.
        const auto env = at(container, "env");
        std::size_t password_index = 99, url_index = 0;
        for (std::size_t i = 0; i < env.size(); ++i) {
            if (text_at(env[i], "name") == "POSTGRES_PASSWORD") password_index = i;
            if (text_at(env[i], "name") == "DATABASE_URL") url_index = i;
        }
        QVERIFY(password_index < url_index);

        const auto secret = set.find("Secret", kPostgres);
        QVERIFY(base64_decode(text_at(secret, "data.password")).size() >= 16);
        const auto service = set.find("Service", kPostgres);
        QCOMPARE(text_at(service, "spec.clusterIP"), std::string("None"));
        QCOMPARE(text_at(service, "spec.ports.0.port"), std::string("5432"));

        const auto statefulset = set.find("StatefulSet", kPostgres);
        QCOMPARE(text_at(statefulset, "spec.serviceName"), kPostgres);
        const auto postgres = first_container(statefulset);
        QCOMPARE(text_at(postgres, "image"), std::string("postgres:15-alpine"));
        QCOMPARE(text_at(env_var(postgres, "POSTGRES_USER"), "value"), std::string("todo"));
        QCOMPARE(text_at(env_var(postgres, "POSTGRES_DB"), "value"), std::string("todo"));
        QCOMPARE(text_at(env_var(postgres, "POSTGRES_PASSWORD"), "valueFrom.secretKeyRef.name"),
                 kPostgres);
        QCOMPARE(text_at(postgres, "securityContext.readOnlyRootFilesystem"), std::string("true"));
        QCOMPARE(text_at(postgres, "securityContext.allowPrivilegeEscalation"),
                 std::string("false"));
        QVERIFY(contains(at(postgres, "securityContext.capabilities.drop"), "ALL"));
        QCOMPARE(text_at(statefulset, "spec.template.spec.securityContext.runAsNonRoot"),
                 std::string("true"));
        QCOMPARE(
            text_at(statefulset, "spec.volumeClaimTemplates.0.spec.resources.requests.storage"),
            std::string("1Gi"));
        // Both sides of the database connection are allowed by the NetworkPolicies.
        const auto api_policy = set.find("NetworkPolicy", kFullname);
        bool egress_to_postgres = false;
        for (const auto& rule : at(api_policy, "spec.egress")) {
            egress_to_postgres |= key_of(at(rule, "to.0.podSelector.matchLabels"),
                                         "app.kubernetes.io/component") == "postgresql" &&
                                  text_at(rule, "ports.0.port") == "5432";
        }
        QVERIFY(egress_to_postgres);
        QCOMPARE(key_of(at(set.find("NetworkPolicy", kPostgres),
                           "spec.ingress.0.from.0.podSelector.matchLabels"),
                        "app.kubernetes.io/component"),
                 std::string("api"));
    }

    void external_databases() {
        bool ok = false;
        const auto url = render(
            sets({"externalDatabase.url=postgres://u:p@ep-neon.example/todo?sslmode=require"}),
            &ok);
        QVERIFY(ok);
        QCOMPARE(base64_decode(text_at(url.find("Secret", kFullname), "data.DATABASE_URL")),
                 std::string("postgres://u:p@ep-neon.example/todo?sslmode=require"));
        const auto container = first_container(url.find("Deployment", kFullname));
        QVERIFY(!env_var(container, "DATABASE_URL").IsDefined());  // comes with envFrom
        QCOMPARE(text_at(container, "envFrom.1.secretRef.name"), kFullname);
        QVERIFY(!at(url.find("Deployment", kFullname), "spec.template.spec.volumes").IsDefined());

        const auto existing = render(
            sets({"externalDatabase.existingSecret=neon", "existingSecret=app-secrets"}), &ok);
        QVERIFY(ok);
        const auto deployment = existing.find("Deployment", kFullname);
        const auto from_secret = env_var(first_container(deployment), "DATABASE_URL");
        QCOMPARE(text_at(from_secret, "valueFrom.secretKeyRef.name"), std::string("neon"));
        QCOMPARE(text_at(from_secret, "valueFrom.secretKeyRef.key"), std::string("database-url"));
        QCOMPARE(text_at(first_container(deployment), "envFrom.1.secretRef.name"),
                 std::string("app-secrets"));
        QVERIFY(!existing.has("Secret", kFullname));
        QCOMPARE(checksum(existing, "secret"), std::string("<missing>"));
    }

    void web_runs_two_hardened_replicas_proxying_to_the_backend() {
        bool ok = false;
        const auto set = render({}, &ok);
        QVERIFY(ok);
        const auto deployment = set.find("Deployment", kWeb);
        QVERIFY(deployment.IsDefined());
        QCOMPARE(text_at(deployment, "spec.replicas"), std::string("2"));
        QCOMPARE(text_at(deployment, "spec.strategy.rollingUpdate.maxUnavailable"), std::string("0"));
        QCOMPARE(key_of(at(deployment, "spec.selector.matchLabels"), "app.kubernetes.io/component"),
                 std::string("web"));
        const auto pod = at(deployment, "spec.template.spec");
        QCOMPARE(text_at(pod, "securityContext.runAsNonRoot"), std::string("true"));
        QCOMPARE(text_at(pod, "securityContext.runAsUser"), std::string("10001"));
        QCOMPARE(text_at(pod, "securityContext.seccompProfile.type"), std::string("RuntimeDefault"));
        QCOMPARE(text_at(pod, "automountServiceAccountToken"), std::string("false"));

        const auto container = first_container(deployment);
        QCOMPARE(text_at(container, "image"), std::string("todo-web:0.1.0"));
        QCOMPARE(text_at(container, "securityContext.readOnlyRootFilesystem"), std::string("true"));
        QCOMPARE(text_at(container, "securityContext.allowPrivilegeEscalation"), std::string("false"));
        QVERIFY(contains(at(container, "securityContext.capabilities.drop"), "ALL"));
        QCOMPARE(text_at(container, "ports.0.containerPort"), std::string("8080"));
        // nginx's resolver does not search: the backend Service by its full name.
        QCOMPARE(text_at(env_var(container, "API_UPSTREAM"), "value"),
                 std::string("http://demo-todo-chatbot.helmdeck.svc.cluster.local:80"));
        QCOMPARE(text_at(container, "livenessProbe.httpGet.path"), std::string("/healthz"));
        QCOMPARE(text_at(container, "startupProbe.httpGet.path"), std::string("/healthz"));
        QCOMPARE(text_at(container, "readinessProbe.httpGet.path"), std::string("/"));
        for (const char* key : {"requests.cpu", "requests.memory", "requests.ephemeral-storage",
                                "limits.cpu", "limits.memory", "limits.ephemeral-storage"})
            QVERIFY2(text_at(container, std::string("resources.") + key) != "<missing>", key);
        // The only writable place: /tmp, an emptyDir.
        QCOMPARE(text_at(container, "volumeMounts.0.mountPath"), std::string("/tmp"));
        QCOMPARE(text_at(pod, "volumes.0.emptyDir.sizeLimit"), std::string("16Mi"));

        const auto service = set.find("Service", kWeb);
        QCOMPARE(text_at(service, "spec.type"), std::string("ClusterIP"));
        QCOMPARE(text_at(service, "spec.ports.0.port"), std::string("80"));
        QCOMPARE(key_of(at(service, "spec.selector"), "app.kubernetes.io/component"), std::string("web"));
        QCOMPARE(text_at(set.find("PodDisruptionBudget", kWeb), "spec.minAvailable"), std::string("1"));

        bool ok_override = false;
        const auto overridden = render(sets({"web.apiUpstream=http://elsewhere:9000", "web.replicaCount=3"}),
                                       &ok_override);
        QVERIFY(ok_override);
        const auto web = overridden.find("Deployment", kWeb);
        QCOMPARE(text_at(env_var(first_container(web), "API_UPSTREAM"), "value"),
                 std::string("http://elsewhere:9000"));
        QCOMPARE(text_at(web, "spec.replicas"), std::string("3"));
    }

    void web_networkpolicy_allows_only_the_backend() {
        bool ok = false;
        const auto set = render(sets({"networkPolicy.ingressPodSelector.matchLabels.role=frontend"}), &ok);
        QVERIFY(ok);
        const auto policy = set.find("NetworkPolicy", kWeb);
        QVERIFY(policy.IsDefined());
        QCOMPARE(text_at(policy, "spec.ingress.0.ports.0.port"), std::string("http"));
        const auto egress = at(policy, "spec.egress");
        QCOMPARE(egress.size(), std::size_t(2));
        QCOMPARE(text_at(egress[0], "ports.0.port"), std::string("53"));
        QCOMPARE(key_of(at(egress[1], "to.0.podSelector.matchLabels"), "app.kubernetes.io/component"),
                 std::string("api"));
        QCOMPARE(text_at(egress[1], "ports.0.port"), std::string("8080"));
        // With a restricted backend policy, the web pods are still let in.
        bool web_allowed = false;
        for (const auto& from : at(set.find("NetworkPolicy", kFullname), "spec.ingress.0.from"))
            web_allowed |= key_of(at(from, "podSelector.matchLabels"), "app.kubernetes.io/component") == "web";
        QVERIFY(web_allowed);
    }

    void web_helm_test_fetches_the_page_and_the_api_through_the_web_service() {
        bool ok = false;
        const auto set = render({}, &ok);
        QVERIFY(ok);
        const auto pod = set.find("Pod", kWeb + "-test");
        QVERIFY(pod.IsDefined());
        QCOMPARE(key_of(at(pod, "metadata.annotations"), "helm.sh/hook"), std::string("test"));
        const auto args = at(pod, "spec.containers.0.args");
        QCOMPARE(text_at(args, "0"), std::string("healthcheck"));
        QCOMPARE(text_at(args, "1"), std::string("http://demo-todo-chatbot-web:80/"));
        QCOMPARE(text_at(args, "2"), std::string("http://demo-todo-chatbot-web:80/api/health"));
        QCOMPARE(text_at(pod, "spec.containers.0.image"), std::string("todo-web:0.1.0"));
        QCOMPARE(text_at(pod, "spec.containers.0.securityContext.readOnlyRootFilesystem"), std::string("true"));
    }

    void ingress_routes_api_to_the_backend_and_the_rest_to_web() {
        bool ok = false;
        const auto set = render(sets({"ingress.enabled=true"}), &ok);
        QVERIFY(ok);
        const auto paths = at(set.find("Ingress", kFullname), "spec.rules.0.http.paths");
        QCOMPARE(paths.size(), std::size_t(2));
        QCOMPARE(text_at(paths[0], "path"), std::string("/api"));
        QCOMPARE(text_at(paths[0], "backend.service.name"), kFullname);
        QCOMPARE(text_at(paths[1], "path"), std::string("/"));
        QCOMPARE(text_at(paths[1], "backend.service.name"), kWeb);

        const auto backend_only = render(sets({"ingress.enabled=true", "web.enabled=false"}), &ok);
        QVERIFY(ok);
        const auto only = at(backend_only.find("Ingress", kFullname), "spec.rules.0.http.paths");
        QCOMPARE(only.size(), std::size_t(1));
        QCOMPARE(text_at(only[0], "backend.service.name"), kFullname);
    }

    void minikube_values() {
        bool ok = false;
        const auto set = render({QStringLiteral("-f"), kChart + "/values-minikube.yaml"}, &ok);
        QVERIFY(ok);
        // The web Service is what a person opens; the API is reached through it.
        QCOMPARE(text_at(set.find("Service", kWeb), "spec.type"), std::string("NodePort"));
        QCOMPARE(text_at(set.find("Service", kFullname), "spec.type"), std::string("ClusterIP"));
        QVERIFY(set.has("StatefulSet", kPostgres));
        const auto container = first_container(set.find("Deployment", kFullname));
        QVERIFY(text_at(container, "imagePullPolicy") == "IfNotPresent" ||
                text_at(container, "imagePullPolicy") == "Never");
        QVERIFY(text_at(env_var(container, "DATABASE_URL"), "value").rfind("postgres://", 0) == 0);
        QCOMPARE(text_at(set.find("Deployment", kFullname), "spec.replicas"), std::string("2"));
    }

    void schema_rejects_bad_values_data() {
        QTest::addColumn<QByteArray>("values");
        QTest::addColumn<QString>("key");  // a pattern the error message must match
        QTest::newRow("replicaCount 0") << QByteArray("replicaCount: 0\n") << "replicaCount";
        QTest::newRow("memory limit as a list")
            << QByteArray("resources:\n  limits:\n    memory: [1]\n") << "limits[./]memory";
        QTest::newRow("unknown service type")
            << QByteArray("service:\n  type: Bogus\n") << "service[./]type";
        QTest::newRow("empty image repository")
            << QByteArray("image:\n  repository: \"\"\n") << "image[./]repository";
        QTest::newRow("unknown log format")
            << QByteArray("config:\n  logFormat: xml\n") << "logFormat";
        QTest::newRow("misspelt top-level key") << QByteArray("replicas: 3\n") << "replicas";
        QTest::newRow("cpu request as a map")
            << QByteArray("resources:\n  requests:\n    cpu: {value: 1}\n") << "requests[./]cpu";
        QTest::newRow("password not URL-safe")
            << QByteArray("postgresql:\n  enabled: true\n  auth:\n    password: \"p@ss/word\"\n")
            << "password";
        QTest::newRow("web replicas 0") << QByteArray("web:\n  replicaCount: 0\n") << "replicaCount";
        QTest::newRow("web upstream not http")
            << QByteArray("web:\n  apiUpstream: ftp://backend\n") << "apiUpstream";
        QTest::newRow("web upstream with a path")
            << QByteArray("web:\n  apiUpstream: http://backend:8080/api\n") << "apiUpstream";
        QTest::newRow("unknown web service type")
            << QByteArray("web:\n  service:\n    type: Bogus\n") << "service[./]type";
        QTest::newRow("misspelt web key") << QByteArray("web:\n  replicas: 3\n") << "replicas";
        QTest::newRow("web memory limit as a list")
            << QByteArray("web:\n  resources:\n    limits:\n      memory: [1]\n") << "limits[./]memory";
        QTest::newRow("web probe path (fixed by the chart)")
            << QByteArray("web:\n  livenessProbe:\n    path: /x\n") << "path";
        // Rules the schema cannot express are checked by the templates, with the same care.
        QTest::newRow("two databases")
            << QByteArray(
                   "postgresql:\n  enabled: true\nexternalDatabase:\n  url: postgres://x@y/z\n")
            << "postgresql.enabled";
        QTest::newRow("preStop longer than the grace period")
            << QByteArray(
                   "lifecycle:\n  preStopSleepSeconds: 40\nterminationGracePeriodSeconds: 30\n")
            << "preStopSleepSeconds";
        QTest::newRow("web preStop longer than its grace period")
            << QByteArray("web:\n  preStopSleepSeconds: 40\n  terminationGracePeriodSeconds: 30\n")
            << "web.preStopSleepSeconds";
    }
    void schema_rejects_bad_values() {
        QFETCH(QByteArray, values);
        QFETCH(QString, key);
        const auto file = values_file(QTest::currentDataTag(), values);
        QVERIFY(!file.isEmpty());
        const auto result = helm_template(helm_, kChart, {QStringLiteral("-f"), file});
        QVERIFY2(result.started && !result.timed_out, result.describe().constData());
        QVERIFY2(result.exit_code != 0, result.describe().constData());
        const QRegularExpression names_key(key);
        QVERIFY2(names_key.match(QString::fromUtf8(result.err)).hasMatch(),
                 result.describe().constData());
    }
};

QTEST_GUILESS_MAIN(TestChartRender)
#include "test_chart_render.moc"
