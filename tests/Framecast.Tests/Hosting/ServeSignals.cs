using System.Diagnostics;
using System.Globalization;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Hosting;

/// <summary>What the graceful shutdown tests do to a real <c>framecast serve</c>: SIGTERM it, time its exit, look at what it left.</summary>
public static class ServeSignals
{
    /// <summary>Sends SIGTERM, as Kubernetes, systemd and <c>docker stop</c> do, and returns when <c>kill</c> did.</summary>
    public static async Task TerminateAsync(Process process)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false };
        info.ArgumentList.Add("-TERM");
        info.ArgumentList.Add(process.Id.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(info)!;
        await kill.WaitForExitAsync();
        kill.ExitCode.Should().Be(0, "the signal was delivered");
    }

    /// <summary>Waits for the process to exit by itself within <paramref name="within"/>; returns how long it took from <paramref name="since"/>.</summary>
    public static async Task<TimeSpan> ExitedWithinAsync(ServeProcess server, Stopwatch since, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within - since.Elapsed);
        try
        {
            await server.Process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"serve did not exit within {within.TotalSeconds:0} s of SIGTERM; it wrote:\n{server.Output}");
        }
        return since.Elapsed;
    }

    /// <summary>The live processes whose parent is <paramref name="pid"/> (a server's ffmpeg runs).</summary>
    public static List<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid)
                {
                    children.Add(child);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
            }
        }
        return children;
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            // A zombie is gone for our purpose: it holds no resources and runs nothing.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The jobs of <paramref name="type"/> whose payload names <paramref name="subject"/>, read by a host of the same database.</summary>
    public static Task<List<Job>> JobsAsync(TestHost host, string type, string subject) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Jobs.AsNoTracking()
            .Where(j => j.Type == type && j.Payload.Contains(subject)).ToListAsync());
}
