using System.Text.Json.Nodes;
using Framecast.Hosting;
using static Framecast.Tests.Deploy.DeployFiles;

namespace Framecast.Tests.Deploy;

/// <summary>deploy/k8s agrees with the app and the image: probes, ports, settings, shutdown, storage and the nginx front.</summary>
public sealed class KubernetesManifestTests
{
    private readonly IReadOnlyList<JsonObject> _objects = KubernetesObjects();

    /// <summary>The Deployments that run Framecast (the image named "framecast", set by kustomization.yaml's images).</summary>
    private IEnumerable<(string Name, JsonObject Pod, JsonObject Container, Roles Roles)> FramecastDeployments() =>
        from deployment in _objects.OfKind("Deployment")
        let pod = deployment["spec"]!["template"]!["spec"]!.AsObject()
        from container in Objects(pod["containers"])
        where Text(container["image"]) == "framecast"
        select (Text(deployment["metadata"]!["name"]), pod, container, DeployedRoles(container));

    [Fact]
    public void One_deployment_per_role_covers_every_role_with_valid_role_lists()
    {
        var deployments = FramecastDeployments().ToList();
        deployments.Select(d => d.Roles).Should().OnlyHaveUniqueItems().And.NotContain(Roles.None);
        deployments.Aggregate(Roles.None, (all, d) => all | d.Roles).Should().Be(Roles.All);
        Kustomization()["images"]!.AsArray().Select(i => Text(i!["name"])).Should().Contain("framecast", "the placeholder image name is set in one place");
    }

    [Fact]
    public void Every_deployment_has_liveness_and_readiness_probes_and_resource_requests()
    {
        foreach (var deployment in _objects.OfKind("Deployment"))
        {
            var name = Text(deployment["metadata"]!["name"]);
            var pod = deployment["spec"]!["template"]!["spec"]!;
            foreach (var container in Objects(pod["containers"]))
            {
                container["livenessProbe"].Should().NotBeNull($"{name} has a liveness probe");
                container["readinessProbe"].Should().NotBeNull($"{name} has a readiness probe");
            }
            foreach (var container in Objects(pod["containers"]).Concat(Objects(pod["initContainers"])))
            {
                Text(container["resources"]?["requests"]?["cpu"]).Should().NotBeEmpty($"{name}/{Text(container["name"])} requests CPU");
                Text(container["resources"]?["requests"]?["memory"]).Should().NotBeEmpty($"{name}/{Text(container["name"])} requests memory");
            }
        }
    }

    [Fact]
    public void Framecast_probes_ask_the_app_paths_on_the_port_the_image_listens_on()
    {
        var port = ContainerPort();
        foreach (var (name, _, container, _) in FramecastDeployments())
        {
            var ports = Objects(container["ports"]).ToDictionary(p => Text(p["name"]), p => int.Parse(Text(p["containerPort"])));
            ports["http"].Should().Be(port, $"{name} declares the port Framecast listens on in the image");
            foreach (var (probe, path) in new[] { ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz"), ("startupProbe", "/healthz") })
            {
                var get = container[probe]?["httpGet"];
                get.Should().NotBeNull($"{name} has an HTTP {probe}");
                Text(get!["path"]).Should().Be(path, $"{name}'s {probe}");
                ResolvePort(Text(get["port"]), ports).Should().Be(port, $"{name}'s {probe} asks the app's port");
            }
        }
    }

    [Fact]
    public void Every_service_selects_pods_that_declare_its_target_port()
    {
        foreach (var service in _objects.OfKind("Service"))
        {
            var name = Text(service["metadata"]!["name"]);
            var selector = service["spec"]!["selector"]!.AsObject();
            var pods = _objects.OfKind("Deployment").Select(d => d["spec"]!["template"]!)
                .Where(t => selector.All(s => Text(t["metadata"]!["labels"]![s.Key]) == Text(s.Value))).ToList();
            pods.Should().ContainSingle($"Service {name} selects one Deployment's pods");
            var containerPorts = Objects(pods[0]["spec"]!["containers"]).SelectMany(c => Objects(c["ports"]))
                .ToDictionary(p => Text(p["name"]), p => int.Parse(Text(p["containerPort"])));
            foreach (var port in Objects(service["spec"]!["ports"]))
            {
                var target = Text(port["targetPort"]) is { Length: > 0 } t ? t : Text(port["port"]);
                containerPorts.Values.Should().Contain(ResolvePort(target, containerPorts), $"Service {name} port {Text(port["name"])} reaches a declared container port");
            }
        }
    }

    [Fact]
    public void The_autoscaler_scales_the_worker_deployment_which_requests_cpu()
    {
        var hpa = _objects.OfKind("HorizontalPodAutoscaler").Should().ContainSingle().Subject;
        var target = hpa["spec"]!["scaleTargetRef"]!;
        (Text(target["apiVersion"]), Text(target["kind"])).Should().Be(("apps/v1", "Deployment"));
        var worker = FramecastDeployments().Single(d => d.Name == Text(target["name"]));
        worker.Roles.Should().Be(Roles.Worker, "the autoscaler adds transcoding capacity");
        Objects(hpa["spec"]!["metrics"]).Select(m => Text(m["resource"]?["name"])).Should().Contain("cpu");
        Text(worker.Container["resources"]!["requests"]!["cpu"]).Should().NotBeEmpty("CPU utilisation is measured against the request");
        int.Parse(Text(hpa["spec"]!["maxReplicas"])).Should().BeGreaterThan(int.Parse(Text(hpa["spec"]!["minReplicas"])));
    }

    [Fact]
    public async Task The_grace_period_covers_the_pre_stop_pause_and_the_app_shutdown_timeout()
    {
        var shutdown = await AppFacts.ShutdownTimeoutAsync();
        foreach (var (name, pod, container, _) in FramecastDeployments())
        {
            var preStop = container["lifecycle"]?["preStop"]?["exec"]?["command"]?.AsArray().Select(c => Text(c)).ToArray();
            var pause = preStop is ["sleep", var seconds] ? TimeSpan.FromSeconds(int.Parse(seconds)) : TimeSpan.Zero;
            var grace = TimeSpan.FromSeconds(int.Parse(Text(pod["terminationGracePeriodSeconds"])));
            grace.Should().BeGreaterThan(pause + shutdown, $"{name} must exit on its own before the kubelet's SIGKILL");
        }
    }

    [Fact]
    public void Settings_bind_to_the_app_options()
    {
        var configMaps = _objects.OfKind("ConfigMap").ToDictionary(c => Text(c["metadata"]!["name"]), c => Pairs(c["data"]));
        var secrets = _objects.OfKind("Secret").ToDictionary(s => Text(s["metadata"]!["name"]), s => Pairs(s["stringData"]));
        foreach (var (name, _, container, roles) in FramecastDeployments())
        {
            var variables = new List<KeyValuePair<string, string>>();
            foreach (var source in Objects(container["envFrom"]))
            {
                if (source["configMapRef"] is { } map)
                {
                    configMaps.Should().ContainKey(Text(map["name"]), $"{name} reads it");
                    variables.AddRange(configMaps[Text(map["name"])]);
                }
                if (source["secretRef"] is { } secret)
                {
                    secrets.Should().ContainKey(Text(secret["name"]), $"{name} reads it");
                    variables.AddRange(secrets[Text(secret["name"])]);
                }
            }
            variables.AddRange(Objects(container["env"]).Where(e => e["value"] is not null).Select(e => KeyValuePair.Create(Text(e["name"]), Text(e["value"]))));
            variables.Should().Contain(v => v.Key == "FRAMECAST__DATABASE__PROVIDER", $"{name} shares the fleet's database");
            if ((roles & (Roles.Web | Roles.Api | Roles.Stream)) != 0)
            {
                variables.Should().Contain(v => v.Key.StartsWith("FRAMECAST__NETWORK__KNOWN", StringComparison.Ordinal), $"{name} sees viewers through nginx");
            }
            SettingsCheck.Problems(variables, name).Should().BeEmpty();
        }
    }

    [Fact]
    public void Every_framecast_pod_runs_as_the_image_user_on_the_shared_read_write_many_claim()
    {
        var claim = _objects.OfKind("PersistentVolumeClaim").Should().ContainSingle().Subject;
        claim["spec"]!["accessModes"]!.AsArray().Select(m => Text(m)).Should().Contain("ReadWriteMany", "every node and nginx share the media");
        var claimName = Text(claim["metadata"]!["name"]);
        foreach (var (name, pod, container, _) in FramecastDeployments())
        {
            Text(pod["securityContext"]!["runAsNonRoot"]).Should().Be("true", name);
            Text(pod["securityContext"]!["runAsUser"]).Should().Be(ContainerUser().ToString(), $"{name} runs as the image's user");
            MountedClaim(pod, container, ContainerDataDirectory()).Should().Be(claimName, $"{name} keeps its data folder on the shared claim");
        }
    }

    [Fact]
    public void Nginx_is_the_shipped_configuration_pointed_at_the_web_and_stream_services()
    {
        var rendered = AppFacts.RenderNginx(("FRAMECAST_UPSTREAM", "framecast-web:8080"), ("FRAMECAST_MEDIA_UPSTREAM", "framecast-stream:8080"));
        var shipped = File.ReadAllText(Path.Combine(K8sDir, "nginx", "framecast.conf"));
        shipped.Should().Be(rendered, "deploy/k8s/nginx/framecast.conf is deploy/nginx/framecast.conf rendered by render.sh; re-render it after a change");
        var upstreams = NginxUpstreams(shipped);
        RolesBehind(upstreams["framecast"].Single()).Should().HaveFlag(Roles.Api).And.HaveFlag(Roles.Web);
        RolesBehind(upstreams["framecast_media"].Single()).Should().HaveFlag(Roles.Stream);

        var nginx = _objects.Named("Deployment", "framecast-nginx")["spec"]!["template"]!["spec"]!.AsObject();
        var generator = Kustomization()["configMapGenerator"]!.AsArray().Single()!;
        Objects(nginx["volumes"]).Select(v => Text(v["configMap"]?["name"])).Should().Contain(Text(generator["name"]));
        generator["files"]!.AsArray().Select(f => Text(f)).Should().Equal("nginx/framecast.conf");
        var container = Objects(nginx["containers"]).Single();
        var mediaMount = MountedClaim(nginx, container, "/var/lib/framecast/media/");
        mediaMount.Should().Be(Text(_objects.OfKind("PersistentVolumeClaim").Single()["metadata"]!["name"]), "nginx sends the files the nodes write");
    }

    [Fact]
    public void Kustomization_lists_every_manifest_in_the_folder()
    {
        var files = Directory.GetFiles(K8sDir, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml");
        KustomizationResources().Should().BeEquivalentTo(files);
    }

    /// <summary>The roles of the Deployment a Service address (host:port) reaches on the app's port.</summary>
    private Roles RolesBehind(string address)
    {
        var (host, port) = (address.Split(':')[0], int.Parse(address.Split(':')[1]));
        var service = _objects.Named("Service", host);
        var servicePort = Objects(service["spec"]!["ports"]).Single(p => int.Parse(Text(p["port"])) == port);
        var deployment = FramecastDeployments().Single(d => service["spec"]!["selector"]!.AsObject()
            .All(s => Text(d.Pod.Parent!["metadata"]!["labels"]![s.Key]) == Text(s.Value)));
        var ports = Objects(deployment.Container["ports"]).ToDictionary(p => Text(p["name"]), p => int.Parse(Text(p["containerPort"])));
        ResolvePort(Text(servicePort["targetPort"]), ports).Should().Be(ContainerPort(), $"{host}:{port} reaches Framecast's port");
        return deployment.Roles;
    }

    private static Roles DeployedRoles(JsonObject container)
    {
        var value = Objects(container["env"]).SingleOrDefault(e => Text(e["name"]) == "FRAMECAST__FRAMECAST__ROLES")?["value"];
        return FramecastOptions.ParseRoles(Text(value) is { Length: > 0 } roles ? roles : "all", out _);
    }

    /// <summary>The claim mounted (read-only or not) at or above <paramref name="path"/> in <paramref name="container"/>.</summary>
    private static string? MountedClaim(JsonObject pod, JsonObject container, string path)
    {
        var mount = Objects(container["volumeMounts"]).Where(m => path.StartsWith(Text(m["mountPath"]).TrimEnd('/') + "/", StringComparison.Ordinal)
            || path.TrimEnd('/') == Text(m["mountPath"])).MaxBy(m => Text(m["mountPath"]).Length);
        return mount is null ? null : Text(Objects(pod["volumes"]).Single(v => Text(v["name"]) == Text(mount["name"]))["persistentVolumeClaim"]?["claimName"]);
    }

    private static int ResolvePort(string port, IReadOnlyDictionary<string, int> named) =>
        int.TryParse(port, out var number) ? number : named.TryGetValue(port, out var byName) ? byName : -1;

    private static List<KeyValuePair<string, string>> Pairs(JsonNode? map) =>
        [.. (map?.AsObject() ?? []).Select(p => KeyValuePair.Create(p.Key, Text(p.Value)))];
}
