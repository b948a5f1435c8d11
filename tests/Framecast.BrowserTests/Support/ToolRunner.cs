using System.Diagnostics;

namespace Framecast.BrowserTests.Support;

/// <summary>Runs a command-line tool (ffmpeg, npm) to completion; throws with its output on a non-zero exit.</summary>
public static class ToolRunner
{
    public static async Task<(string Stdout, string Stderr)> RunAsync(string tool, IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
        return (await stdout, await stderr);
    }
}
