using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Framecast.Tests.Support;

/// <summary>Raw tus 1.0.0 requests, so tests can send exactly the headers (right or wrong) they mean to.</summary>
public static class TusClient
{
    public static string Metadata(params (string Key, string Value)[] pairs) =>
        string.Join(",", pairs.Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));

    public static HttpRequestMessage Create(long length, string? metadata = null, byte[]? firstChunk = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/uploads");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", length.ToString());
        if (metadata is not null)
        {
            request.Headers.Add("Upload-Metadata", metadata);
        }
        if (firstChunk is not null)
        {
            request.Content = Chunk(firstChunk);
        }
        return request;
    }

    public static HttpRequestMessage Patch(string location, long offset, byte[] chunk, string? checksumAlgorithm = null, byte[]? checksumOf = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = Chunk(chunk) };
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Offset", offset.ToString());
        if (checksumAlgorithm is not null)
        {
            var digest = checksumAlgorithm switch
            {
                "sha1" => SHA1.HashData(checksumOf ?? chunk),
                "sha256" => SHA256.HashData(checksumOf ?? chunk),
                _ => MD5.HashData(checksumOf ?? chunk),
            };
            request.Headers.Add("Upload-Checksum", $"{checksumAlgorithm} {Convert.ToBase64String(digest)}");
        }
        return request;
    }

    public static HttpRequestMessage Head(string location) => WithTus(HttpMethod.Head, location);

    public static HttpRequestMessage Delete(string location) => WithTus(HttpMethod.Delete, location);

    public static long Offset(this HttpResponseMessage response) => long.Parse(response.Headers.GetValues("Upload-Offset").Single());

    public static string? VideoId(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Framecast-Video-Id", out var values) ? values.Single() : null;

    private static HttpRequestMessage WithTus(HttpMethod method, string location)
    {
        var request = new HttpRequestMessage(method, location);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    private static ByteArrayContent Chunk(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return content;
    }
}
