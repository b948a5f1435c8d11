namespace Framecast.Tests.Infrastructure.Media;

/// <summary>Captured from Debian's ffprobe 5.1 (-print_format json -show_format -show_streams; disposition and filename removed): a 640x360 25 fps H.264 MP4 without audio.</summary>
internal static class ProbeSampleNoAudio
{
    public const string Json = """
        {
          "streams": [
            {
              "index": 0,
              "codec_name": "h264",
              "codec_long_name": "H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10",
              "profile": "Constrained Baseline",
              "codec_type": "video",
              "codec_tag_string": "avc1",
              "codec_tag": "0x31637661",
              "width": 640,
              "height": 360,
              "coded_width": 640,
              "coded_height": 360,
              "closed_captions": 0,
              "film_grain": 0,
              "has_b_frames": 0,
              "sample_aspect_ratio": "1:1",
              "display_aspect_ratio": "16:9",
              "pix_fmt": "yuv420p",
              "level": 30,
              "chroma_location": "left",
              "field_order": "progressive",
              "refs": 1,
              "is_avc": "true",
              "nal_length_size": "4",
              "id": "0x1",
              "r_frame_rate": "25/1",
              "avg_frame_rate": "25/1",
              "time_base": "1/12800",
              "start_pts": 0,
              "start_time": "0.000000",
              "duration_ts": 25600,
              "duration": "2.000000",
              "bit_rate": "1739912",
              "bits_per_raw_sample": "8",
              "nb_frames": "50",
              "extradata_size": 40,
              "tags": {
                "language": "und",
                "handler_name": "VideoHandler",
                "vendor_id": "[0][0][0][0]",
                "encoder": "Lavc59.37.100 libx264"
              }
            }
          ],
          "format": {
            "nb_streams": 1,
            "nb_programs": 0,
            "format_name": "mov,mp4,m4a,3gp,3g2,mj2",
            "format_long_name": "QuickTime / MOV",
            "start_time": "0.000000",
            "duration": "2.000000",
            "size": "436031",
            "bit_rate": "1744124",
            "probe_score": 100,
            "tags": {
              "major_brand": "isom",
              "minor_version": "512",
              "compatible_brands": "isomiso2avc1mp41",
              "encoder": "Lavf59.27.100"
            }
          }
        }
        """;
}
