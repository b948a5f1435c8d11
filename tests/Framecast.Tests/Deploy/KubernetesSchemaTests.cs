using Framecast.Tests.Support;

namespace Framecast.Tests.Deploy;

/// <summary>deploy/k8s validated against the Kubernetes schemas offline by deploy/k8s/check/validate.mjs (npm kubernetes-models).</summary>
public sealed class KubernetesSchemaTests
{
    private static readonly string CheckDir = Path.Combine(DeployFiles.K8sDir, "check");

    [Fact]
    public async Task Every_manifest_is_valid_and_a_broken_one_is_refused()
    {
        // Installed at test time from the lockfile; node_modules is never committed.
        await ToolRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], CheckDir);

        var (report, _) = await ToolRunner.RunAsync("node", ["validate.mjs"], CheckDir);
        report.Should().Contain("All manifests are valid.");
        foreach (var kind in new[] { "Deployment", "Service", "HorizontalPodAutoscaler", "ConfigMap", "Secret", "PersistentVolumeClaim" })
        {
            report.Should().Contain($": {kind} ", $"a {kind} was validated");
        }

        // The same manifests with one mistake each: a port given as a name where a number is required, a missing container name.
        var broken = Path.Combine(Path.GetTempPath(), $"framecast-k8s-{Guid.NewGuid():N}");
        CopyDirectory(DeployFiles.K8sDir, broken);
        try
        {
            var worker = Path.Combine(broken, "worker.yaml");
            File.WriteAllText(worker, File.ReadAllText(worker).Replace("containerPort: 8080", "containerPort: http", StringComparison.Ordinal));
            var web = Path.Combine(broken, "web.yaml");
            File.WriteAllText(web, File.ReadAllText(web).Replace("- name: framecast\n", "- image2: x\n", StringComparison.Ordinal));
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ToolRunner.RunAsync("node", ["validate.mjs", broken], CheckDir));
            failure.Message.Should().Contain("FAIL worker.yaml: Deployment framecast-worker").And.Contain("containerPort must be integer");
            failure.Message.Should().Contain("FAIL web.yaml: Deployment framecast-web").And.Contain("must have required property name");
        }
        finally
        {
            Directory.Delete(broken, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
