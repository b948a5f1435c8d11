using System.Text.Json;

namespace Framecast.Features.Live.Recordings;

/// <summary>
/// One transcoder run of a broadcast as recorded: when its first picture was shown (wall clock) and how many seconds
/// of it the recording holds. A broadcast's runs, in order, map a moment of the broadcast to a point of its recording.
/// </summary>
public sealed record LiveRun(DateTime Start, double Seconds)
{
    public async Task SaveAsync(string path)
    {
        // Replaced whole, so a reader (or a node killed mid-write) never sees half a file.
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, JsonSerializerOptions.Web));
        File.Move(temporary, path, overwrite: true);
    }

    public static LiveRun? Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<LiveRun>(File.ReadAllText(path), JsonSerializerOptions.Web) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
