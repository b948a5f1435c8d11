namespace Framecast.Features.Videos;

public sealed record Rendition(string Name, int Width, int Height, int Bitrate);
