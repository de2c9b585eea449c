from solidarity.core.cache import FileCache


def test_the_file_cache_culls_old_entries_but_does_not_list_its_folder_on_every_write(tmp_path, monkeypatch):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    listings = []
    original = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or original())

    for number in range(30):
        cache.set(f"key-{number}", number)

    assert len(listings) == 1
    cache._next_cull_check = 0  # the next check is due
    cache.set("one-more", 1)
    assert len(list(tmp_path.glob("*.djcache"))) <= 16
