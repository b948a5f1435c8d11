using System.Diagnostics;
using Framecast.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Framecast.Tests.Deploy;

/// <summary>What the deployment files must agree with, taken from the app and the shipped scripts themselves.</summary>
public static class AppFacts
{
    /// <summary>How long the app's host lets its services stop after SIGTERM (HostOptions.ShutdownTimeout, as the app configures it).</summary>
    public static async Task<TimeSpan> ShutdownTimeoutAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "framecast-deploy-facts", Guid.NewGuid().ToString("N"));
        await using var app = FramecastApp.Build([], new Dictionary<string, string?> { ["Framecast:DataDirectory"] = data, ["urls"] = "http://127.0.0.1:0" });
        return app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
    }

    /// <summary>deploy/nginx/framecast.conf as deploy/nginx/render.sh renders it with <paramref name="environment"/>.</summary>
    public static string RenderNginx(params (string Name, string Value)[] environment)
    {
        var output = Path.Combine(Path.GetTempPath(), $"framecast-nginx-{Guid.NewGuid():N}.conf");
        var info = new ProcessStartInfo("sh") { RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(DeployFiles.Dir, "nginx", "render.sh"), Path.Combine(DeployFiles.Dir, "nginx", "framecast.conf"), output })
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        try
        {
            process.ExitCode.Should().Be(0, error);
            return File.ReadAllText(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
