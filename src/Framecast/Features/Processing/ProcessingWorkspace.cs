using Framecast.Hosting;

namespace Framecast.Features.Processing;

/// <summary>
/// A fresh scratch folder per run (<c>DATA/work/{videoId}/{run}</c>): outputs are finished there and only then moved
/// into media storage, so a re-run after a crash never mixes with a dead run's files, which it removes first.
/// </summary>
public sealed class ProcessingWorkspace : IDisposable
{
    private ProcessingWorkspace(string path) => Path = path;

    public string Path { get; }

    public string LogPath => System.IO.Path.Combine(Path, "ffmpeg.log");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public static ProcessingWorkspace Create(FramecastOptions options, string videoId)
    {
        var videoWork = System.IO.Path.Combine(System.IO.Path.GetFullPath(options.DataDirectory), "work", videoId);
        Infrastructure.Media.OrphanedFfmpeg.KillUsing(videoWork + System.IO.Path.DirectorySeparatorChar);
        foreach (var stale in Directory.Exists(videoWork) ? Directory.GetDirectories(videoWork) : [])
        {
            TryDelete(stale);
        }
        var path = System.IO.Path.Combine(videoWork, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new ProcessingWorkspace(path);
    }

    public void Dispose()
    {
        TryDelete(Path);
        try
        {
            // Only when empty: a newer run of the same video may be working beside this one.
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: false);
        }
        catch (IOException)
        {
            // Not empty or already gone.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone already, or a dead run's ffmpeg was still writing: the next run of this video sweeps it again.
        }
    }
}
