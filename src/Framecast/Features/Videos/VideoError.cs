namespace Framecast.Features.Videos;

public sealed record VideoError(string Code, string Message);
