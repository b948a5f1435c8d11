namespace Framecast.Infrastructure.Media;

public sealed record AudioStreamInfo(string Codec, int Channels, int SampleRate);
