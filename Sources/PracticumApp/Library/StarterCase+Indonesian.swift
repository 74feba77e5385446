extension StarterCase {
    /// The Indonesian starter: a worker at a Puspaga (family learning centre) and Bu Rina, a tired young mother.
    static let indonesian = #"""
// Kasus awal yang ditulis oleh 'practicum new'. Kasusnya pendek, dan setiap
// bagian format .scenario dipakai sekali; setiap komentar menjelaskan baris
// di bawahnya. Mainkan, ubah, dan periksa sambil menulis:
//   practicum check {{ID}}.scenario
//   practicum simulate {{ID}}.scenario --strict
// Format lengkapnya: docs/scenario-format.md. Baris yang diawali // adalah
// komentar; di baris header dan atribut, ' //' memulai komentar sampai akhir baris.

// ---- Header: semua yang ada sebelum adegan pertama. Empat kunci wajib ada.
title: Bu Rina di Puspaga
id: {{ID}}                // huruf kecil, angka dan '-'; juga nama berkasnya
language: id                    // en atau id: bahasa yang dibaca mahasiswa
level: micro                    // micro (perorangan), mezzo (keluarga, kelompok), macro (komunitas)
client: Bu Rina, 29, ibu dari Bima (2), baru pindah ke Bekasi
setting: Layanan konsultasi hari Kamis di Puspaga kota
minutes: 6                      // kira-kira lama satu permainan
// Kasus yang menyentuh bunuh diri, melukai diri, kekerasan atau penganiayaan menyebutkannya sebelum dimainkan.
content-warning: pikiran bunuh diri
author: Nama Anda
version: 1
start: ruang-tunggu             // adegan pertama; bila tidak ditulis, permainan mulai dari adegan yang pertama ditulis
// weights: seberapa besar setiap dimensi dihitung di kasus ini, menggantikan bobot rubrik.
weights: practice 30, lifecycle 20, ethics 30, planning 10, outcome 10
// Tujuan pembelajaran ditampilkan sebelum bermain; [shown by: NAMA] mengaitkannya dengan harapan di bawah.
objectives:
  - Menjelaskan apa yang dirahasiakan sebelum menanyakan hal yang berat [shown by: persetujuan-dulu]
  - Menanyakan bunuh diri secara langsung ketika klien menyinggungnya [shown by: bertanya-langsung]
  - Menyusun rencana dari apa yang sudah dimiliki Bu Rina

// Temuan: apa yang bisa diungkap asesmen (masuk catatan kasus) dan ditangani
// rencana. Tanpa jenis berarti kebutuhan; [risk] bahaya; [strength] kekuatan.
finding malam: Bima bangun lima kali setiap malam dan Bu Rina sudah berminggu-minggu tidur tidak lebih dari tiga jam
finding pikiran-gelap [risk]: Bu Rina pernah berpikir bahwa Bima lebih baik hidup tanpa dirinya
  safe when: rencana-aman       // risiko tetap terbuka sampai ini berlaku di akhir permainan
finding tetangga [strength]: Tetangganya, Bu Sari, pernah menawarkan diri menjaga Bima beberapa sore

// Variabel: bilangan bulat atau true/false. Pilihan mengubahnya dengan set:;
// requires:, [if ...] dan harapan membacanya; {nama} menampilkannya.
var percaya = 0
var dijelaskan = false
var rencana-aman = false
var sore = 0

// Harapan: apa yang harus ditunjukkan percobaan yang kompeten, dibaca di akhir permainan.
// (minor), (major) atau (critical) menentukan harga bila tidak terpenuhi.
expect persetujuan-dulu (major): dijelaskan
  because: Sebelum klien menceritakan hal yang berat, ia perlu tahu apa yang
    Anda simpan sendiri dan apa yang harus Anda teruskan.
  principle: informed-consent   // atau phase: fase yang keterampilannya ditunjukkan
expect bertanya-langsung (critical): revealed(pikiran-gelap)
  because: "Bima lebih baik tanpa saya" bisa berarti pikiran bunuh diri. Pekerja
    sosial yang kompeten menanyakannya secara langsung; bertanya tidak menanamkan
    gagasan itu.
  when: visited(ucapan-itu)     // hanya percobaan yang mendengar ucapan itu yang dinilai
  phase: asesmen

// ---- Adegan. '== NAMA' memulai satu adegan; baris di bawahnya dibaca
// mahasiswa, dan baris kosong memulai paragraf baru.
== ruang-tunggu
Bu Rina duduk di dekat jendela sementara Bima mendorong mobil-mobilan di
lantai. Tehnya sudah dingin. "Saya cuma mau ikut kelas balita," katanya.

// Pilihan: '* ' dan teksnya, lalu atributnya, menjorok dua spasi.
* Tanyakan bagaimana ia mengatasi semuanya di rumah bersama Bima, dan siapa
  yang membantunya.
  phase: asesmen
  quality: 0
  feedback: Pertanyaan yang wajar, tetapi ia belum tahu siapa Anda dan akan
    Anda apakan jawabannya.
  -> cerita
* Duduk di sebelahnya, sebutkan siapa Anda, dan jelaskan apa yang tetap di
  antara kalian dan kapan Anda harus melibatkan orang lain.
  phase: keterlibatan           // fase siklus pertolongan dari tindakan ini
  quality: +2                   // -2 (merugikan) sampai +2 (tepat), pada saat itu
  upholds: informed-consent, confidentiality
  set: percaya + 1, dijelaskan = true
  feedback: Menyebutkan apa yang dirahasiakan, dan apa yang tidak, sebelum ia
    bercerita adalah persetujuan berdasarkan informasi dalam praktik.
  -> cerita
* Berikan brosur pola tidur anak dan katakan bahwa kebanyakan ibu merasa
  sangat terbantu olehnya.
  phase: intervensi
  intervention: psychoeducation // jenis intervensi, dari Content/interventions.json
  quality: -1
  violates: dignity (minor)     // prinsip yang dilanggar, dan seberapa berat
  set: percaya - 1
  feedback: Nasihat sebelum Anda mengenalnya membuatnya merasa hanya satu dari sekian banyak.
  -> cerita

== cerita
[if percaya >= 1] Ia memutar-mutar gelasnya dan menatap Anda.
[if percaya < 1] Matanya tetap pada Bima.
"Dia bangun empat, lima kali semalam," katanya. "Setiap malam."

* Diam sejenak. Lalu tanyakan bagaimana malam-malam itu baginya sendiri.
  phase: asesmen
  quality: +2
  requires: percaya >= 1        // hanya ditawarkan selama ini berlaku
  reveals: malam
  -> ucapan-itu
* Tanyakan apakah ada orang di dekat rumah yang pernah menawarkan bantuan.
  phase: asesmen
  quality: +1
  reveals: tetangga
  once                          // hilang setelah dipilih
  -> cerita
* Katakan bahwa ini satu fase yang akan lewat, dan ia perlu menghargai batas dirinya.
  phase: keterlibatan
  quality: -1
  -> tidak-datang-lagi

// Tanpa pilihan, tetapi '-> NAMA': mahasiswa menekan Enter untuk lanjut.
== ucapan-itu
"Kadang malam-malam saya berpikir Bima lebih baik diasuh orang lain," katanya
pelan. "Orang yang tidak capek terus."
-> bertanya

// [crisis]: keselamatan lebih dulu. Bertindak sebelum asesmen lengkap tidak
// dinilai terlalu dini di sini.
== bertanya [crisis]
Bima menggeliat di atas tikar. Bu Rina menatap Anda, menunggu.
// reflect: mahasiswa menulis beberapa kalimat sebelum pilihan ditampilkan.
reflect: Apa yang baru saja Anda dengar, dan apa yang perlu Anda ketahui sekarang?
* Tenangkan dia bahwa semua ibu baru pernah merasa begitu, lalu beralih ke soal
  tidur Bima.
  phase: keterlibatan
  quality: -2
  reveals: malam
  -> rencana
* Katakan bahwa demi keselamatan Bima, Anda harus melapor ke dinas sosial hari ini.
  phase: intervensi
  quality: -2
  violates: self-determination (major)
  -> tidak-datang-lagi
* Tanyakan langsung apakah ia pernah berpikir untuk bunuh diri.
  phase: asesmen
  quality: +2
  upholds: competence
  reveals: pikiran-gelap
  -> keselamatan

== keselamatan
"Tidak ada rencana," katanya. "Cuma pikiran, jam empat pagi."

* Susun rencana keselamatan bersamanya: siapa yang ia hubungi di malam yang
  berat, dan nomor layanan krisis disimpan di ponselnya.
  phase: perencanaan
  quality: +2
  intervention: crisis-intervention
  addresses: pikiran-gelap
  set: rencana-aman = true
  -> rencana
* Minta ia berjanji kepada Anda bahwa ia tidak akan menyakiti dirinya.
  phase: perencanaan
  quality: -1
  addresses: pikiran-gelap      // masuk rencana, tetapi belum aman: safe when: perlu rencana-aman
  -> rencana

== rencana
// [if ...] menampilkan baris hanya bila syaratnya berlaku: and, or, not dan
// kurung menggabungkan syarat; visited(...) dan revealed(...) bertanya tentang permainan.
[if visited(ucapan-itu) and not rencana-aman] Ia tidak berani menatap Anda.
[if revealed(pikiran-gelap) and rencana-aman] Nomor layanan krisis sudah ada di ponselnya.
Bima tertidur di atas tikar. "Jadi, sekarang bagaimana?" tanya Bu Rina.
// dilemma: adegan dengan dua jawaban yang sama-sama tepat tetapi menjunjung nilai yang berbeda.
dilemma: Bu Sari dekat dan dikenal Bu Rina tetapi tidak terlatih; bidan puskesmas paham soal tidur anak tetapi orang asing lagi di rumahnya.
* Rencanakan bersamanya untuk meminta Bu Sari menjaga Bima dua sore seminggu,
  supaya ia bisa tidur.
  phase: perencanaan
  quality: +2
  requires: revealed(tetangga)
  upholds: self-determination
  addresses: malam, tetangga
  set: sore = 2
  feedback: Bantuan yang sudah ia percaya, dekat rumah; Bu Sari tidak terlatih,
    jadi Anda akan memantau perkembangannya.
  -> tidur-membaik
* Sepakati bersamanya rujukan ke kelas tidur anak di puskesmas.
  phase: perencanaan
  quality: +2
  requires: (revealed(malam) or revealed(tetangga)) and percaya >= 1
  intervention: case-management
  upholds: informed-consent
  addresses: malam
  feedback: Bantuan ahli untuk tidur Bima; satu orang asing lagi di rumahnya,
    dan menunggu beberapa minggu.
  -> dirujuk
* Cukupkan untuk hari ini dan katakan pintu tetap terbuka Kamis depan.
  phase: terminasi
  quality: 0
  pinned                        // tetap di tempatnya ketika urutan pilihan diacak
  -> kamis-depan

// Akhir cerita: '[ending: HASIL]', teks dan tidak ada yang lain. Hasilnya ada di
// Content/outcomes.json: goals-met, partial, referred, disengaged, harm.
== tidur-membaik [ending: goals-met]
Bu Sari menjaga Bima {sore} sore seminggu. Tiga minggu kemudian Bu Rina sudah
bisa tidur, dan ia datang ke kelas balita bersama tetangganya.

== dirujuk [ending: referred]
Bidan puskesmas menelepon Bu Rina minggu berikutnya dan menjadwalkan kelas tidur anak.

== kamis-depan [ending: partial]
Bu Rina bilang ia akan datang Kamis depan. Di rumah belum ada yang berubah.

== tidak-datang-lagi [ending: disengaged]
Bu Rina tidak datang lagi ke Puspaga.
"""#
}
