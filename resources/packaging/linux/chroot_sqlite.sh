# Run inside the Debian 11 chroot by build_linux.sh: SQLite 3.40 from Debian 12's sqlite3 source
# package into /opt/sqlite. Debian 11's 3.34 lacks RETURNING (3.35), which SQLAlchemy's bulk
# inserts use; the options are Debian's own plus FTS5, whose trigram tokenizer the search uses.
set -e
cd /build && rm -rf sqlite3-build && mkdir sqlite3-build && cd sqlite3-build
tar xJf /build/src/sqlite3_*.orig.tar.xz --strip-components=1
./configure -q --disable-tcl >/dev/null 2>&1
make -s sqlite3.c >/build/make.log 2>&1 || { tail -30 /build/make.log; exit 1; }  # the amalgamation
mkdir -p /opt/sqlite/lib /opt/sqlite/include
gcc -shared -fPIC -O2 -Wl,-soname,libsqlite3.so.0 -o /opt/sqlite/lib/libsqlite3.so.0 sqlite3.c \
    -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS \
    -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_COLUMN_METADATA \
    -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_LOAD_EXTENSION \
    -DSQLITE_USE_URI=1 -DSQLITE_MAX_VARIABLE_NUMBER=250000 -lm -lpthread -ldl
ln -sf libsqlite3.so.0 /opt/sqlite/lib/libsqlite3.so
cp sqlite3.h sqlite3ext.h /opt/sqlite/include/
cd /build && rm -rf sqlite3-build
