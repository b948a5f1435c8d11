using System.Diagnostics;

namespace Framecast.Tests.Support;

/// <summary>Runs the real <c>framecast</c> executable as a separate process.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the executable; the caller owns (and must kill) the process.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = FramecastProcess.StartInfo(args);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }
        return Process.Start(info)!;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>
    /// A port free right now and never handed out before in this test run: the kernel may offer a port it just
    /// released again, and two servers of one test (HTTP and RTMP) must not be told the same one.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, true))
            {
                return port;
            }
        }
    }

    /// <summary>The database settings of <paramref name="database"/> as <c>FRAMECAST__</c> environment variables.</summary>
    public static Dictionary<string, string?> Environment(TestDatabase database) =>
        database.Settings.ToDictionary(kv => "FRAMECAST__" + kv.Key.Replace(":", "__").ToUpperInvariant(), kv => kv.Value);
}
