using Framecast.Features.Videos;

namespace Framecast.Features.Uploads;

/// <summary>A simple upload's outcome: the accepted video, validation errors, or too large.</summary>
public sealed record SimpleUploadResult(Video? Video, Dictionary<string, string[]>? Errors, long? MaxBytes)
{
    public static SimpleUploadResult Accepted(Video video) => new(video, null, null);

    public static SimpleUploadResult Invalid(Dictionary<string, string[]> errors) => new(null, errors, null);

    public static SimpleUploadResult Invalid(string field, string message) => new(null, new() { [field] = [message] }, null);

    public static SimpleUploadResult TooLarge(long max) => new(null, null, max);
}
