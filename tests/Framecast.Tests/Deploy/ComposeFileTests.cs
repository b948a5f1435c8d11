using System.Net;
using System.Text.Json.Nodes;
using Framecast.Hosting;
using static Framecast.Tests.Deploy.DeployFiles;

namespace Framecast.Tests.Deploy;

/// <summary>deploy/compose.yaml agrees with the app, the image and nginx's configuration.</summary>
public sealed class ComposeFileTests
{
    private readonly JsonObject _services = Compose()["services"]!.AsObject();

    private IEnumerable<(string Name, JsonObject Service, Roles Roles)> FramecastNodes() =>
        from service in _services
        let body = service.Value!.AsObject()
        where Text(body["image"]).Contains("framecast", StringComparison.Ordinal) && Text(body["command"]?[0]) != "migrate"
        select (service.Key, body, FramecastOptions.ParseRoles(Text(body["environment"]?["FRAMECAST__FRAMECAST__ROLES"]) is { Length: > 0 } r ? r : "all", out _));

    [Fact]
    public void The_nodes_run_every_role_once_with_postgres_redis_and_nginx_beside_them()
    {
        var nodes = FramecastNodes().ToList();
        nodes.Select(n => n.Roles).Should().OnlyHaveUniqueItems().And.NotContain(Roles.None);
        nodes.Aggregate(Roles.None, (all, n) => all | n.Roles).Should().Be(Roles.All);
        _services.Select(s => s.Key).Should().Contain(["postgres", "redis", "nginx", "migrate"]);
        Text(_services["migrate"]!["command"]![0]).Should().Be("migrate");
    }

    [Fact]
    public async Task Nodes_are_healthy_when_ready_start_after_their_dependencies_and_outlast_the_shutdown_timeout()
    {
        var shutdown = await AppFacts.ShutdownTimeoutAsync();
        foreach (var (name, service, _) in FramecastNodes())
        {
            var test = service["healthcheck"]!["test"]!.AsArray().Select(t => Text(t)).ToList();
            var url = new Uri(test.Single(t => t.StartsWith("http://", StringComparison.Ordinal)));
            (url.AbsolutePath, url.Port).Should().Be(("/readyz", ContainerPort()), $"{name} is healthy once ready, on the image's port");
            var dependsOn = service["depends_on"]!.AsObject();
            Text(dependsOn["postgres"]!["condition"]).Should().Be("service_healthy");
            Text(dependsOn["migrate"]!["condition"]).Should().Be("service_completed_successfully");
            ParseDuration(Text(service["stop_grace_period"])).Should().BeGreaterThan(shutdown, $"{name} exits on its own before SIGKILL");
            Text(service["stop_signal"]).Should().Be("SIGTERM");
            service["volumes"]!.AsArray().Select(v => Text(v)).Should().Contain(v => v.EndsWith(":" + ContainerDataDirectory(), StringComparison.Ordinal));
        }
        foreach (var (name, service) in _services)
        {
            foreach (var dependency in service!["depends_on"]?.AsObject() ?? [])
            {
                _services.Should().ContainKey(dependency.Key, $"{name} depends on it");
                Text(dependency.Value!["condition"]).Should().BeOneOf("service_started", "service_healthy", "service_completed_successfully");
                if (Text(dependency.Value!["condition"]) == "service_healthy")
                {
                    _services[dependency.Key]!["healthcheck"].Should().NotBeNull($"{name} waits for {dependency.Key} to be healthy");
                }
            }
        }
    }

    [Fact]
    public void Nginx_renders_the_shipped_configuration_with_upstreams_on_the_right_roles_and_volume()
    {
        var nginx = _services["nginx"]!.AsObject();
        var environment = nginx["environment"]!.AsObject().Select(e => (e.Key, Text(e.Value))).ToArray();
        var upstreams = NginxUpstreams(AppFacts.RenderNginx(environment));
        RolesBehind(upstreams["framecast"].Single()).Should().HaveFlag(Roles.Api).And.HaveFlag(Roles.Web);
        RolesBehind(upstreams["framecast_media"].Single()).Should().HaveFlag(Roles.Stream);

        var mounts = nginx["volumes"]!.AsArray().Select(v => Text(v).Split(':')).ToList();
        mounts.Should().Contain(m => m[0] == "./nginx/framecast.conf", "the very file NginxFrontTests runs");
        var dataVolume = Text(_services["web"]!["volumes"]![0]).Split(':')[0];
        mounts.Should().Contain(m => m[0] == dataVolume && m[1] == ContainerDataDirectory() && m[2] == "ro", "nginx reads the media the nodes write");
        File.ReadAllText(Path.Combine(Dir, "nginx", "framecast.conf")).Should().Contain($"alias {ContainerDataDirectory()}/media/;");
    }

    [Fact]
    public void Settings_bind_to_the_app_options_and_trust_only_nginx()
    {
        foreach (var (name, service, _) in FramecastNodes().Append(("migrate", _services["migrate"]!.AsObject(), Roles.None)))
        {
            var variables = service["environment"]!.AsObject().Select(e => KeyValuePair.Create(e.Key, Text(e.Value))).ToList();
            SettingsCheck.Problems(variables, name).Should().BeEmpty();
            var proxy = variables.Single(v => v.Key == "FRAMECAST__NETWORK__KNOWNPROXIES__0").Value;
            proxy.Should().Be(Text(_services["nginx"]!["networks"]!["framecast"]!["ipv4_address"]), "the only proxy is nginx");
            var subnet = Text(Compose()["networks"]!["framecast"]!["ipam"]!["config"]![0]!["subnet"]);
            IPNetwork.Parse(subnet).Contains(IPAddress.Parse(proxy)).Should().BeTrue();
        }
    }

    /// <summary>The roles of the service an nginx upstream (service:port) names, reached on the image's port.</summary>
    private Roles RolesBehind(string address)
    {
        var (host, port) = (address.Split(':')[0], int.Parse(address.Split(':')[1]));
        port.Should().Be(ContainerPort(), $"{address} is Framecast's port in the image");
        return FramecastNodes().Single(n => n.Name == host).Roles;
    }

    private static TimeSpan ParseDuration(string value) => value switch
    {
        _ when value.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(int.Parse(value[..^2])),
        _ when value.EndsWith('s') => TimeSpan.FromSeconds(int.Parse(value[..^1])),
        _ when value.EndsWith('m') => TimeSpan.FromMinutes(int.Parse(value[..^1])),
        _ => throw new FormatException($"unexpected compose duration '{value}'"),
    };
}
