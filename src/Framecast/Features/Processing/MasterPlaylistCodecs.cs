namespace Framecast.Features.Processing;

/// <summary>Adds the CODECS attribute ffmpeg leaves out for a copied variant, so players can choose before they fetch.</summary>
public static class MasterPlaylistCodecs
{
    public static async Task AddAsync(string masterPath, string variantUri, string codecs, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(masterPath, cancellationToken);
        for (var i = 1; i < lines.Length; i++)
        {
            var info = lines[i - 1];
            if (lines[i].Trim() == variantUri && info.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal) && !info.Contains("CODECS=", StringComparison.Ordinal))
            {
                lines[i - 1] = $"{info},CODECS=\"{codecs}\"";
            }
        }
        var temp = $"{masterPath}.tmp";
        await File.WriteAllLinesAsync(temp, lines, cancellationToken);
        File.Move(temp, masterPath, overwrite: true);
    }
}
