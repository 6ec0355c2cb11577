// media-node entry point: replaced by the media-node work.
return 0;
