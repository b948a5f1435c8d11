using System.Security.Cryptography;

namespace Framecast.Features.Uploads;

/// <summary>The tus checksum extension's <c>Upload-Checksum: ALGO BASE64</c> for one PATCH body.</summary>
public sealed record UploadChecksum(HashAlgorithmName Algorithm, byte[] Expected)
{
    public const string Supported = "sha1,sha256,md5";

    /// <summary>Null header → null checksum; a malformed or unsupported one → false.</summary>
    public static bool TryParse(string? header, out UploadChecksum? checksum)
    {
        checksum = null;
        if (string.IsNullOrEmpty(header))
        {
            return true;
        }
        var parts = header.Split(' ', 2, StringSplitOptions.TrimEntries);
        HashAlgorithmName? algorithm = parts[0].ToLowerInvariant() switch
        {
            "sha1" => HashAlgorithmName.SHA1,
            "sha256" => HashAlgorithmName.SHA256,
            "md5" => HashAlgorithmName.MD5,
            _ => null,
        };
        if (algorithm is null || parts.Length != 2)
        {
            return false;
        }
        try
        {
            checksum = new UploadChecksum(algorithm.Value, Convert.FromBase64String(parts[1]));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
