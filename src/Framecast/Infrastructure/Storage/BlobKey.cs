namespace Framecast.Infrastructure.Storage;

/// <summary>Blob keys are '/'-separated segments of <c>[A-Za-z0-9_.-]</c>, none starting with a dot: no traversal, no absolute paths.</summary>
public static class BlobKey
{
    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 512)
        {
            return false;
        }
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment[0] == '.')
            {
                return false;
            }
            foreach (var c in segment)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
                {
                    return false;
                }
            }
        }
        return true;
    }

    public static string Validate(string key) =>
        IsValid(key) ? key : throw new ArgumentException($"Invalid blob key '{key}'", nameof(key));
}
