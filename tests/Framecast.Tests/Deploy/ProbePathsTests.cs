using System.Net;
using Framecast.Hosting;
using Framecast.Tests.Support;
using static Framecast.Tests.Deploy.DeployFiles;

namespace Framecast.Tests.Deploy;

/// <summary>Every health path the deployment files ask for is one the app answers 200 on, with each node's roles.</summary>
public sealed class ProbePathsTests
{
    [Fact]
    public async Task Each_role_set_answers_its_probe_paths()
    {
        var objects = KubernetesObjects();
        var nodes = (from deployment in objects.OfKind("Deployment")
                     from container in Objects(deployment["spec"]!["template"]!["spec"]!["containers"])
                     where Text(container["image"]) == "framecast"
                     select (
                         Roles: Text(Objects(container["env"]).Single(e => Text(e["name"]) == "FRAMECAST__FRAMECAST__ROLES")["value"]),
                         Paths: new[] { "livenessProbe", "readinessProbe", "startupProbe" }.Select(p => Text(container[p]?["httpGet"]?["path"])).Where(p => p.Length > 0)))
            .ToList();
        nodes.Should().NotBeEmpty();
        var composePaths = Compose()["services"]!.AsObject().Select(s => s.Value!["healthcheck"]?["test"]).Where(t => t is not null)
            .SelectMany(t => t!.AsArray().Select(x => Text(x))).Where(x => x.StartsWith("http://127.0.0.1:8080/", StringComparison.Ordinal))
            .Select(x => new Uri(x).AbsolutePath).ToList();
        composePaths.Should().NotBeEmpty();
        var everywhere = composePaths.Append(ContainerHealthPath()).ToList();

        foreach (var (roles, paths) in nodes)
        {
            FramecastOptions.ParseRoles(roles, out var error).Should().NotBe(Roles.None, error);
            await using var host = await TestHost.StartAsync("sqlite", roles: roles);
            foreach (var path in paths.Concat(everywhere).Distinct())
            {
                var response = await host.Client.GetAsync(path);
                response.StatusCode.Should().Be(HttpStatusCode.OK, $"a node with roles {roles} answers {path}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        (await NotServedAsync()).Should().Be(HttpStatusCode.NotFound, "the check can fail: a path the app does not serve");
    }

    private static async Task<HttpStatusCode> NotServedAsync()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "worker");
        return (await host.Client.GetAsync("/healthz-not-served")).StatusCode;
    }
}
