using System.Diagnostics;

namespace Framecast.Infrastructure.Media;

/// <summary>
/// When a worker process is killed, the ffmpeg it started lives on, still writing into the dead run's folder. The
/// next run of the same video stops such leftovers on this machine first (found through /proc by the folder in
/// their command line), so they never compete with it for CPU or files.
/// </summary>
public static class OrphanedFfmpeg
{
    /// <summary>Kills ffmpeg processes whose arguments mention <paramref name="pathFragment"/>; returns how many.</summary>
    public static int KillUsing(string pathFragment)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return 0;
        }
        var killed = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (Path.GetFileName(args[0]) != FfmpegCommand.FfmpegTool || !args.Any(a => a.Contains(pathFragment, StringComparison.Ordinal)))
                {
                    continue;
                }
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(5));
                killed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // The process ended meanwhile or is not ours to read: nothing to stop.
            }
        }
        return killed;
    }
}
